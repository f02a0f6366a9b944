package io.github.cosmicarch.allocation.service.outbox;

/**
 * A transaction that the caller of the message bus opened and will commit or roll back itself,
 * such as a Spring {@code @Transactional} method's. Units of work started while it is active join
 * it: the products, the read model and the outbox rows are written in it and share its fate.
 */
@FunctionalInterface
public interface CallerTransaction {

    /**
     * Has an action run once this transaction has committed, and never when it rolls back. The
     * action must not work in the database on the caller's thread: the caller's transaction has
     * ended but may still hold its connection.
     *
     * @param action what to run, such as handing events to the dispatcher
     */
    void afterCommit(Runnable action);
}
