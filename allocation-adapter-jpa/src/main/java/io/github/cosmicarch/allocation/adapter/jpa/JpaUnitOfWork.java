package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.List;
import java.util.function.Function;

/**
 * A unit of work with an entity manager and a resource-local transaction of its own, both opened
 * on first use: a unit of work that touches no product costs no connection.
 */
final class JpaUnitOfWork implements UnitOfWork {

    private final EntityManagerFactory factory;
    private EntityManager entityManager;
    private JpaProducts products;
    private boolean closed;

    JpaUnitOfWork(EntityManagerFactory factory) {
        this.factory = factory;
    }

    @Override
    public Products products() {
        requireOpen();
        if (products == null) {
            products = new JpaProducts(this);
        }
        return products;
    }

    @Override
    public void commit() {
        requireOpen();
        if (products == null) {
            return;
        }
        List<Product> changed = products.changed();
        try {
            EntityManager em = inTransaction();
            products.writeChanges(em, changed);
            em.getTransaction().commit();
            products.committed(changed);
        } catch (RuntimeException failure) {
            String skus = String.join(", ", changed.stream().map(Product::sku).toList());
            discard();
            throw Failures.translate(failure, "committing " + (skus.isEmpty() ? "nothing" : "product " + skus), skus);
        }
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
            if (entityManager != null) {
                entityManager.close();
            }
        }
    }

    /** Rolls back the transaction, if one is open, and forgets every product read. */
    private void discard() {
        products = null;
        if (entityManager == null) {
            return;
        }
        try {
            EntityTransaction transaction = entityManager.getTransaction();
            if (transaction.isActive()) {
                transaction.rollback();
            }
            entityManager.clear();
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "rolling back", "");
        }
    }

    /**
     * Runs a query for a product of this unit of work: in its transaction while it is open; after
     * it closed, in a short read of its own, so that a product can still be read after its unit
     * of work ended (while the product is still at the version this unit of work read or
     * committed; else its stored lines answer {@code ConcurrencyConflict}).
     */
    <T> T read(Function<EntityManager, T> query) {
        if (!closed) {
            return query.apply(inTransaction());
        }
        EntityManager reader = factory.createEntityManager();
        try {
            return query.apply(reader);
        } finally {
            reader.close();
        }
    }

    EntityManager inTransaction() {
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
            throw Failures.translate(failure, "starting a transaction", "");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This unit of work is closed");
        }
    }
}
