package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * Finds the transaction the calling thread is in, so that the JPA units of work join it rather
 * than open one of their own: they then read and write on the caller's entity manager, and its
 * commit or rollback is theirs. Spring Boot's auto-configuration supplies one on Spring's
 * transaction synchronization; a plain Jakarta Persistence application that owns its entity
 * manager and transaction can supply its own, binding the entity manager to the thread while it
 * calls the bus and running the after-commit actions once its transaction has committed.
 */
public interface CallerTransactions {

    /** Finds none: every unit of work has a transaction of its own. */
    CallerTransactions NONE = new CallerTransactions() {
        @Override
        public Optional<EntityManager> current() {
            return Optional.empty();
        }

        @Override
        public void afterCommit(Runnable action) {
            throw new IllegalStateException("No caller's transaction to run after");
        }
    };

    /**
     * The entity manager of the calling thread's transaction, when it has an active one that
     * units of work should join.
     *
     * @return the entity manager, its transaction active and left to the caller to end; empty
     *         when the thread is in no transaction to join
     */
    Optional<EntityManager> current();

    /**
     * Has an action run once the calling thread's transaction has committed, and never if it
     * rolls back. Called only while {@link #current()} finds a transaction.
     *
     * @param action what to run
     */
    void afterCommit(Runnable action);
}
