package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.adapter.jpa.Written.Quantities;
import io.github.cosmicarch.allocation.domain.event.Allocated;
import io.github.cosmicarch.allocation.domain.event.Deallocated;
import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.TrackingProducts;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The products of one JPA unit of work. Reading a product takes two queries (its version, its
 * batches with their allocated totals); its lines stay in the database, and the product asks
 * {@link JpaStoredLines} only for those a decision needs. Writing a product checks in one
 * statement that its version did not move, updates the batches whose quantities changed, and
 * turns the events of its history since the last write into inserted and deleted lines.
 */
final class JpaProducts extends TrackingProducts {

    private final JpaUnitOfWork unitOfWork;
    private final Map<String, Written> written = new HashMap<>();

    JpaProducts(JpaUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    protected void store(Product product) {
        written.put(product.sku(), Written.notStored());
    }

    @Override
    protected Optional<Product> load(String sku) {
        try {
            EntityManager em = unitOfWork.inTransaction();
            List<Long> versions = em.createQuery("select p.version from ProductRow p where p.sku = :sku", Long.class)
                    .setParameter("sku", sku)
                    .getResultList();
            if (versions.isEmpty()) {
                return Optional.empty();
            }
            JpaStoredLines lines = new JpaStoredLines(unitOfWork, sku);
            List<Batch> batches = em.createQuery("""
                            select b.reference, b.purchasedQuantity, b.eta, b.allocatedQuantity
                            from BatchRow b where b.sku = :sku order by b.additionOrder""", Object[].class)
                    .setParameter("sku", sku)
                    .getResultList().stream()
                    .map(row -> Batch.withStoredLines((String) row[0], sku, (Integer) row[1], (LocalDate) row[2],
                            (Integer) row[3], lines))
                    .toList();
            Product product = new Product(sku, batches, versions.get(0), lines);
            written.put(sku, Written.asNow(product));
            return Optional.of(product);
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "loading product " + sku, sku);
        }
    }

    @Override
    protected Optional<Product> loadByBatchReference(String batchReference) {
        List<String> skus;
        try {
            skus = unitOfWork.inTransaction()
                    .createQuery("select b.sku from BatchRow b where b.reference = :reference", String.class)
                    .setParameter("reference", batchReference)
                    .getResultList();
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "finding the product of batch " + batchReference, "");
        }
        return skus.isEmpty() ? Optional.empty() : get(skus.get(0));
    }

    /** Writes the changed products, as {@link #changed()} listed them. */
    void writeChanges(EntityManager em, List<Product> changed) {
        for (Product product : changed) {
            Written before = written.get(product.sku());
            writeVersion(em, product, before);
            writeBatches(em, product, before);
            em.flush();
            writeLines(em, product, before);
        }
    }

    /** After the transaction committed, what was written is the new base. */
    void committed(List<Product> changed) {
        changed.forEach(product -> written.put(product.sku(), Written.asNow(product)));
    }

    /** The products created, or changed since they were read or last written. */
    List<Product> changed() {
        return seen().stream()
                .filter(product -> {
                    Written before = written.get(product.sku());
                    return !before.isStored() || before.version() != product.version();
                })
                .toList();
    }

    private static void writeVersion(EntityManager em, Product product, Written before) {
        if (!before.isStored()) {
            em.persist(new ProductRow(product.sku(), product.version()));
            return;
        }
        int updated = em.createQuery("""
                        update ProductRow p set p.version = :version
                        where p.sku = :sku and p.version = :versionRead""")
                .setParameter("version", product.version())
                .setParameter("sku", product.sku())
                .setParameter("versionRead", before.version())
                .executeUpdate();
        if (updated == 0) {
            throw new ConcurrencyConflict(product.sku(), "Product " + product.sku() + " was read at version "
                    + before.version() + " and changed by another unit of work since");
        }
    }

    private static void writeBatches(EntityManager em, Product product, Written before) {
        int additionOrder = before.batches().size();
        for (Batch batch : product.batches()) {
            Quantities was = before.batches().get(batch.reference());
            Quantities now = Quantities.of(batch);
            if (was == null) {
                em.persist(new BatchRow(batch.reference(), product.sku(), now.purchased(), now.allocated(),
                        batch.eta().orElse(null), additionOrder++));
            } else if (!was.equals(now)) {
                em.createQuery("""
                                update BatchRow b set b.purchasedQuantity = :purchased, b.allocatedQuantity = :allocated
                                where b.reference = :reference""")
                        .setParameter("purchased", now.purchased())
                        .setParameter("allocated", now.allocated())
                        .setParameter("reference", batch.reference())
                        .executeUpdate();
            }
        }
    }

    /** Each line allocated since the last write is inserted, each line given back deleted, in the order they happened. */
    private static void writeLines(EntityManager em, Product product, Written before) {
        List<DomainEvent> history = product.history();
        for (DomainEvent event : history.subList(before.historyWritten(), history.size())) {
            if (event instanceof Allocated allocated) {
                em.persist(new AllocationRow(allocated.batchReference(), allocated.sku(), allocated.orderId(),
                        allocated.quantity()));
            } else if (event instanceof Deallocated deallocated) {
                em.createQuery("delete from AllocationRow a where a.sku = :sku and a.orderId = :orderId and a.quantity = :quantity")
                        .setParameter("sku", deallocated.sku())
                        .setParameter("orderId", deallocated.orderId())
                        .setParameter("quantity", deallocated.quantity())
                        .executeUpdate();
            }
        }
    }
}
