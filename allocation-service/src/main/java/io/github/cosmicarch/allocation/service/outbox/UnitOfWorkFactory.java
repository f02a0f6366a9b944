package io.github.cosmicarch.allocation.service.outbox;

import java.util.Optional;

/**
 * Starts units of work: a storage adapter's entry point, handed to the message bus so that every
 * message gets a unit of work of its own. Implementations are safe for concurrent use.
 */
@FunctionalInterface
public interface UnitOfWorkFactory {

    /**
     * Starts a unit of work that sees the last committed state, or, while the calling thread is
     * in a {@linkplain #callerTransaction() caller's transaction}, one that works in that
     * transaction and leaves its commit to the caller.
     *
     * @return the unit of work; the caller closes it
     */
    OutboxUnitOfWork start();

    /**
     * The transaction of the calling thread that units of work started now join, when storage
     * supports joining one and the thread is in one. The bus then handles a command in it: no
     * retry of its own after a conflict (it cannot run the caller's work again), no grouping with
     * other callers' commands, and effects only once the caller has committed.
     *
     * @return the caller's transaction; empty, by default, when units of work run in their own
     */
    default Optional<CallerTransaction> callerTransaction() {
        return Optional.empty();
    }

    /**
     * Whether what a commit stores outlives the process. Storage that does not, such as memory,
     * has no crash to recover from: the bus then runs a command's effects on the calling thread
     * before it returns, as the book's tests expect, rather than on the dispatcher's threads.
     *
     * @return {@code true} by default
     */
    default boolean isDurable() {
        return true;
    }
}
