package io.github.cosmicarch.allocation.service.outbox;

/**
 * Starts units of work: a storage adapter's entry point, handed to the message bus so that every
 * message gets a unit of work of its own. Implementations are safe for concurrent use.
 */
@FunctionalInterface
public interface UnitOfWorkFactory {

    /** {@return a new unit of work that sees the last committed state; the caller closes it} */
    OutboxUnitOfWork start();
}
