package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.adapter.jpa.CallerTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transaction Spring manages on the calling thread, for the JPA units of work to join: the
 * entity manager that Spring's {@code JpaTransactionManager} bound for Boot's entity manager
 * factory, on the connection that JDBC code in the same transaction uses too. Outside such a
 * transaction, or in one on another resource, there is nothing to join.
 */
final class SpringTransactions implements CallerTransactions {

    private final EntityManagerFactory entityManagerFactory;

    SpringTransactions(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    @Override
    public Optional<EntityManager> current() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        return TransactionSynchronizationManager.getResource(entityManagerFactory) instanceof EntityManagerHolder holder
                ? Optional.of(holder.getEntityManager())
                : Optional.empty();
    }

    @Override
    public void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
