package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.service.outbox.Outbox;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A unit of work with an entity manager and a resource-local transaction of its own, both opened
 * on first use: a unit of work that touches no product costs no connection. Its commit writes the
 * products, the events they recorded and the outbox's writes in that one transaction.
 *
 * <p>Or, started in a caller's transaction, one that works on the caller's entity manager: its
 * commit writes the same, statement by statement, so that a conflict shows at once, but leaves the
 * transaction to the caller; its rollback forgets what it has not written. It never begins, ends,
 * clears or closes what the caller owns.
 */
final class JpaUnitOfWork implements OutboxUnitOfWork {

    private final EntityManagerFactory factory;
    /** The caller's transaction this unit of work joined; {@code null} when it has its own. */
    private final CallerTransactions caller;
    private EntityManager entityManager;
    private JpaProducts products;
    private final JpaOutbox outbox = new JpaOutbox(this);
    private final List<RecordedEvent> stored = new ArrayList<>();
    private boolean closed;

    private final ProductSnapshots snapshots;
    private final PostgresCommits postgresCommits;

    JpaUnitOfWork(EntityManagerFactory factory, ProductSnapshots snapshots, PostgresCommits postgresCommits) {
        this.factory = factory;
        this.snapshots = snapshots;
        this.postgresCommits = postgresCommits;
        this.caller = null;
    }

    /** A unit of work in the caller's transaction, on its entity manager. */
    JpaUnitOfWork(EntityManager callersEntityManager, CallerTransactions caller, ProductSnapshots snapshots) {
        this.factory = null;
        this.entityManager = callersEntityManager;
        this.caller = caller;
        this.snapshots = snapshots;
        this.postgresCommits = null;
    }

    @Override
    public Products products() {
        requireOpen();
        if (products == null) {
            products = new JpaProducts(this, snapshots, caller == null);
        }
        return products;
    }

    @Override
    public Outbox outbox() {
        requireOpen();
        return outbox;
    }

    @Override
    public void commit() {
        requireOpen();
        // Written in the order of their skus, as every unit of work writes them, so that two that
        // change the same products lock their rows in the same order and never deadlock.
        Map<Product, List<DomainEvent>> changed = new TreeMap<>(Comparator.comparing(Product::sku));
        List<RecordedEvent> recorded = new ArrayList<>();
        if (products != null) {
            for (Product product : products.seen()) {
                List<DomainEvent> events = product.collectEvents();
                events.forEach(event -> recorded.add(RecordedEvent.withNewId(event)));
                if (products.changed(product)) {
                    OutboxUnitOfWork.requireEventsAccountFor(product, products.unitsRead(product), events);
                    changed.put(product, events);
                }
            }
        }
        if (caller != null) {
            commitInCallersTransaction(changed, recorded);
            return;
        }
        boolean inTransaction = entityManager != null && entityManager.getTransaction().isActive();
        if (changed.isEmpty() && recorded.isEmpty() && !outbox.hasWrites() && !inTransaction) {
            return;
        }
        try {
            EntityManager em = inTransaction();
            Statements writes = postgresCommits.statements(em);
            if (!changed.isEmpty()) {
                products.write(writes, changed);
            }
            if (changed.isEmpty() && recorded.isEmpty() && outbox.writesProgressOnly()) {
                postgresCommits.commitWithoutWaiting(em, writes);
            }
            outbox.write(writes, recorded);
            writes.send();
            em.getTransaction().commit();
            if (products != null) {
                products.committed(changed.keySet()).forEach(snapshots::keep);
            }
            stored.addAll(recorded);
        } catch (RuntimeException failure) {
            List<String> skus = changed.keySet().stream().map(Product::sku).toList();
            discard();
            throw translate(failure, skus);
        }
    }

    /**
     * Writes in the caller's transaction, statement by statement, so that a conflict shows at once
     * and the caller's own entities are not flushed; what the process keeps of the products waits
     * for the caller's commit, since the caller may yet roll the writes back.
     */
    private void commitInCallersTransaction(Map<Product, List<DomainEvent>> changed, List<RecordedEvent> recorded) {
        try {
            Statements writes = Statements.oneByOne(entityManager);
            if (!changed.isEmpty()) {
                products.write(writes, changed);
            }
            outbox.write(writes, recorded);
        } catch (RuntimeException failure) {
            List<String> skus = changed.keySet().stream().map(Product::sku).toList();
            discard();
            throw translate(failure, skus);
        }
        if (products != null && !changed.isEmpty()) {
            Map<String, ProductSnapshots.Snapshot> committed = products.committed(changed.keySet());
            caller.afterCommit(() -> committed.forEach(snapshots::keep));
        }
        stored.addAll(recorded);
    }

    private static RuntimeException translate(RuntimeException failure, List<String> skus) {
        return skus.isEmpty()
                ? Failures.translate(failure, "committing the outbox's progress")
                : Failures.translate(failure, "committing product " + String.join(", ", skus), skus.get(0));
    }

    @Override
    public void rollback() {
        requireOpen();
        discard();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            discard();
        } finally {
            if (entityManager != null && caller == null) {
                entityManager.close();
            }
        }
    }

    @Override
    public List<RecordedEvent> collectNewEvents() {
        List<RecordedEvent> collected = List.copyOf(stored);
        stored.clear();
        return collected;
    }

    /** Rolls back the transaction, if one is open, and forgets every product read and every outbox write. */
    private void discard() {
        products = null;
        outbox.discard();
        if (entityManager == null || caller != null) {
            return;
        }
        try {
            EntityTransaction transaction = entityManager.getTransaction();
            if (transaction.isActive()) {
                transaction.rollback();
            }
            entityManager.clear();
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "rolling back");
        }
    }

    /** Runs a query for the repository, in this unit of work's transaction: it must be open. */
    <T> T read(Function<EntityManager, T> query) {
        requireOpen();
        return query.apply(inTransaction());
    }

    EntityManager inTransaction() {
        requireOpen();
        if (caller != null) {
            return entityManager;
        }
        try {
            if (entityManager == null) {
                entityManager = factory.createEntityManager();
            }
            EntityTransaction transaction = entityManager.getTransaction();
            if (!transaction.isActive()) {
                transaction.begin();
            }
            return entityManager;
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "starting a transaction");
        }
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This unit of work is closed");
        }
    }
}
