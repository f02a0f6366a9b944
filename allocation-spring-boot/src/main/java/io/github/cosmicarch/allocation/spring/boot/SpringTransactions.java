package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.adapter.jpa.CallerTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transaction Spring manages on the calling thread, for the JPA units of work to join, on the
 * connection the application's own work uses:
 *
 * <ul>
 *   <li>a {@code JpaTransactionManager}'s (Spring Boot's with JPA): the entity manager it bound,
 *       whose connection JDBC code in the same transaction shares;</li>
 *   <li>a {@code DataSourceTransactionManager}'s on Boot's {@code DataSource}: a Hibernate session
 *       opened on the connection it bound, one per transaction, closed when it ends. The units of
 *       work write in plain JDBC and never flush, so the session needs no transaction of its own.</li>
 * </ul>
 *
 * Outside a transaction, or in one on another resource, there is nothing to join.
 */
final class SpringTransactions implements CallerTransactions {

    private final EntityManagerFactory entityManagerFactory;
    private final DataSource dataSource;

    SpringTransactions(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
        this.dataSource = entityManagerFactory instanceof EntityManagerFactoryInfo info ? info.getDataSource() : null;
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
        if (dataSource != null && TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder jdbc) {
            return Optional.of(sessionOn(jdbc));
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

    /** The session of this JDBC transaction, opened on its connection at the first call. */
    private EntityManager sessionOn(ConnectionHolder jdbc) {
        if (TransactionSynchronizationManager.getResource(this) instanceof Session open) {
            return open;
        }
        Session session = entityManagerFactory.unwrap(SessionFactory.class).withOptions()
                .connection(jdbc.getConnection()).openSession();
        TransactionSynchronizationManager.bindResource(this, session);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(SpringTransactions.this);
                session.close();
            }
        });
        return session;
    }
}
