package io.github.cosmicarch.allocation.adapter.jpa;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.List;
import java.util.function.Function;

/**
 * The allocations read model on the {@code allocations_view} table, indexed by order id. The JPA
 * units of work keep the table in step themselves, in the transactions that write the products,
 * so wire it with {@code Bootstrap.allocationsViewKeptByStorage}; {@link #add} and {@link #remove}
 * are the port's, for tests and tools, each in a short transaction of its own.
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

    @Override
    public void add(String orderId, String sku, String batchReference) {
        OrderAllocation allocation = new OrderAllocation(sku, batchReference);
        requireNonNull(orderId, "orderId");
        try {
            inTransaction("adding an allocation of order " + orderId, em -> {
                boolean present = !em.createQuery("""
                                select v.id from AllocationViewRow v
                                where v.orderId = :orderId and v.sku = :sku and v.batchReference = :batchReference""", Long.class)
                        .setParameter("orderId", orderId)
                        .setParameter("sku", allocation.sku())
                        .setParameter("batchReference", allocation.batchReference())
                        .getResultList()
                        .isEmpty();
                if (!present) {
                    em.persist(new AllocationViewRow(orderId, allocation.sku(), allocation.batchReference()));
                }
                return null;
            });
        } catch (StorageFailure failure) {
            if (!Failures.isIntegrityViolation(failure)) {
                throw failure;
            }
            // The same row was added meanwhile by another transaction: adding is idempotent.
        }
    }

    @Override
    public void remove(String orderId, String sku) {
        requireNonNull(orderId, "orderId");
        requireNonNull(sku, "sku");
        inTransaction("removing an allocation of order " + orderId, em -> em
                .createQuery("delete from AllocationViewRow v where v.orderId = :orderId and v.sku = :sku")
                .setParameter("orderId", orderId)
                .setParameter("sku", sku)
                .executeUpdate());
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
            throw Failures.isIntegrityViolation(failure)
                    ? new StorageFailure("The database refused " + doing, failure)
                    : Failures.translate(failure, doing);
        } finally {
            if (em != null) {
                em.close();
            }
        }
    }
}
