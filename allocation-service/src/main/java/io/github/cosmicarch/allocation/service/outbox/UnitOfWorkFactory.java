package io.github.cosmicarch.allocation.service.outbox;

/**
 * Starts units of work: a storage adapter's entry point, handed to the message bus so that every
 * message gets a unit of work of its own. Implementations are safe for concurrent use.
 */
@FunctionalInterface
public interface UnitOfWorkFactory {

    /**
     * Starts a new unit of work that sees the last committed state.
     *
     * @return a new unit of work; the caller closes it
     */
    OutboxUnitOfWork start();
}
