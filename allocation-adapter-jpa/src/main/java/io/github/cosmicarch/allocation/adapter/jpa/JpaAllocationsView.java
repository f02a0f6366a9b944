package io.github.cosmicarch.allocation.adapter.jpa;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The allocations read model on the {@code allocations_view} table, indexed by order id. The JPA
 * units of work write the table themselves, by the {@code AllocationsProjection} rule, in the
 * transactions that write the products, so wire the bus with
 * {@code Bootstrap.readModelKeptByStorage()}. Each read is a short transaction of its own, or,
 * given {@link CallerTransactions}, a query in the caller's transaction when there is one, which
 * sees what the caller wrote.
 */
public final class JpaAllocationsView implements AllocationsView {

    private final EntityManagerFactory entityManagerFactory;
    private final CallerTransactions callers;

    /**
     * Creates the read model, each read in a transaction of its own.
     *
     * @param entityManagerFactory the persistence unit to work in
     */
    public JpaAllocationsView(EntityManagerFactory entityManagerFactory) {
        this(entityManagerFactory, CallerTransactions.NONE);
    }

    /**
     * Creates the read model, reading in the caller's transaction when there is one.
     *
     * @param entityManagerFactory the persistence unit to work in
     * @param callers              where a caller's transaction is found
     */
    public JpaAllocationsView(EntityManagerFactory entityManagerFactory, CallerTransactions callers) {
        this.entityManagerFactory = requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.callers = requireNonNull(callers, "callers");
    }

    @Override
    public List<OrderAllocation> allocations(String orderId) {
        requireNonNull(orderId, "orderId");
        return inTransaction("reading the allocations of order " + orderId, em -> em.createQuery("""
                        select v.sku, v.batchReference from AllocationViewRow v
                        where v.orderId = :orderId order by v.id""", Object[].class)
                .setParameter("orderId", orderId)
                .getResultList().stream()
                .map(row -> new OrderAllocation((String) row[0], (String) row[1]))
                .toList());
    }

    private <T> T inTransaction(String doing, Function<EntityManager, T> work) {
        Optional<EntityManager> callersEntityManager = callers.current();
        if (callersEntityManager.isPresent()) {
            try {
                return work.apply(callersEntityManager.get());
            } catch (RuntimeException failure) {
                throw Failures.translate(failure, doing);
            }
        }
        EntityManager em = null;
        try {
            em = entityManagerFactory.createEntityManager();
            EntityTransaction transaction = em.getTransaction();
            transaction.begin();
            try {
                T result = work.apply(em);
                transaction.commit();
                return result;
            } finally {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
            }
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, doing);
        } finally {
            if (em != null) {
                em.close();
            }
        }
    }
}
