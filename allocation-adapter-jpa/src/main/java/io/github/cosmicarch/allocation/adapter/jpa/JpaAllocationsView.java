package io.github.cosmicarch.allocation.adapter.jpa;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.List;
import java.util.function.Function;

/**
 * The allocations read model on the {@code allocations_view} table, indexed by order id. The JPA
 * units of work write the table themselves, by the {@code AllocationsProjection} rule, in the
 * transactions that write the products, so wire the bus with
 * {@code Bootstrap.readModelKeptByStorage()}. Each read is a short transaction of its own.
 */
public final class JpaAllocationsView implements AllocationsView {

    private final EntityManagerFactory entityManagerFactory;

    /**
     * Creates the read model.
     *
     * @param entityManagerFactory the persistence unit to work in
     */
    public JpaAllocationsView(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = requireNonNull(entityManagerFactory, "entityManagerFactory");
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
