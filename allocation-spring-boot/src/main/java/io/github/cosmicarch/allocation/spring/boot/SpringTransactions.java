package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.adapter.jpa.CallerTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transaction Spring manages on the calling thread, for the JPA units of work to join: the
 * entity manager that Spring's {@code JpaTransactionManager} (Boot's with JPA) bound for Boot's
 * entity manager factory, on the connection that JDBC code in the same transaction uses too.
 * Outside a transaction, or in one on another resource, there is nothing to join. A transaction
 * that holds the same {@code DataSource}'s connection without an entity manager, as a
 * {@code DataSourceTransactionManager}'s does, cannot be joined by JPA: the bus refuses to work
 * beside it on a second connection and says so.
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
        if (TransactionSynchronizationManager.getResource(entityManagerFactory) instanceof EntityManagerHolder holder) {
            return Optional.of(holder.getEntityManager());
        }
        if (entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null
                && TransactionSynchronizationManager.hasResource(info.getDataSource())) {
            throw new IllegalStateException("The calling thread's transaction holds a connection of the DataSource"
                    + " without a JPA entity manager, as a DataSourceTransactionManager's does: the allocation library"
                    + " can join only a JpaTransactionManager's transaction (Spring Boot's with JPA), which JDBC code"
                    + " on the same DataSource joins too");
        }
        return Optional.empty();
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
