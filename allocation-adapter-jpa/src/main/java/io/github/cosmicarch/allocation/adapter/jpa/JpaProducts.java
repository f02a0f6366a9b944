package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.adapter.jpa.StoredState.BatchData;
import io.github.cosmicarch.allocation.adapter.jpa.StoredState.LineData;
import io.github.cosmicarch.allocation.adapter.jpa.StoredState.Quantities;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.TrackingProducts;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The products of one JPA unit of work. Reading a product takes three queries (its version, its
 * batches, its lines); writing one compares it with what was read and writes only the difference,
 * after checking in the same statement that its version did not move.
 */
final class JpaProducts extends TrackingProducts {

    private final Supplier<EntityManager> entityManager;
    private final Map<String, StoredState> stored = new HashMap<>();

    JpaProducts(Supplier<EntityManager> entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    protected void store(Product product) {
        stored.put(product.sku(), StoredState.notStored());
    }

    @Override
    protected Optional<Product> load(String sku) {
        try {
            EntityManager em = entityManager.get();
            List<Long> versions = em.createQuery("select p.version from ProductRow p where p.sku = :sku", Long.class)
                    .setParameter("sku", sku)
                    .getResultList();
            if (versions.isEmpty()) {
                return Optional.empty();
            }
            List<BatchData> batches = em.createQuery("""
                            select b.reference, b.purchasedQuantity, b.allocatedQuantity, b.eta
                            from BatchRow b where b.sku = :sku order by b.additionOrder""", Object[].class)
                    .setParameter("sku", sku)
                    .getResultStream()
                    .map(row -> new BatchData((String) row[0], (Integer) row[1], (Integer) row[2], (LocalDate) row[3]))
                    .toList();
            List<LineData> lines = em.createQuery("""
                            select a.batchReference, a.orderId, a.quantity
                            from AllocationRow a where a.sku = :sku order by a.id""", Object[].class)
                    .setParameter("sku", sku)
                    .getResultStream()
                    .map(row -> new LineData((String) row[0], (String) row[1], (Integer) row[2]))
                    .toList();
            Product product = StoredState.restore(sku, versions.get(0), batches, lines);
            stored.put(sku, StoredState.of(product));
            return Optional.of(product);
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "loading product " + sku, sku);
        }
    }

    @Override
    protected Optional<Product> loadByBatchReference(String batchReference) {
        List<String> skus;
        try {
            skus = entityManager.get()
                    .createQuery("select b.sku from BatchRow b where b.reference = :reference", String.class)
                    .setParameter("reference", batchReference)
                    .getResultList();
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "finding the product of batch " + batchReference, "");
        }
        return skus.isEmpty() ? Optional.empty() : get(skus.get(0));
    }

    /** The skus of the products a commit would write, for messages. */
    String changedSkus() {
        return String.join(", ", changed().stream().map(Product::sku).toList());
    }

    /** Writes every product that changed since it was read or last written. */
    void writeChanges(EntityManager em) {
        for (Product product : changed()) {
            StoredState before = stored.get(product.sku());
            writeVersion(em, product, before);
            writeBatches(em, product, before);
            em.flush();
            writeLines(em, product, before);
        }
    }

    /** After the transaction committed, what was written is the new base. */
    void committed() {
        changed().forEach(product -> stored.put(product.sku(), StoredState.of(product)));
    }

    private List<Product> changed() {
        return seen().stream()
                .filter(product -> {
                    StoredState before = stored.get(product.sku());
                    return !before.isStored() || before.version() != product.version();
                })
                .toList();
    }

    private static void writeVersion(EntityManager em, Product product, StoredState before) {
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

    private static void writeBatches(EntityManager em, Product product, StoredState before) {
        int additionOrder = before.batches().size();
        for (Batch batch : product.batches()) {
            Quantities was = before.batches().get(batch.reference());
            Quantities now = new Quantities(batch.purchasedQuantity(), batch.allocatedQuantity());
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

    private static void writeLines(EntityManager em, Product product, StoredState before) {
        Map<OrderLine, String> now = StoredState.of(product).lines();
        before.lines().forEach((line, batchReference) -> {
            if (!batchReference.equals(now.get(line))) {
                em.createQuery("delete from AllocationRow a where a.sku = :sku and a.orderId = :orderId and a.quantity = :quantity")
                        .setParameter("sku", line.sku())
                        .setParameter("orderId", line.orderId())
                        .setParameter("quantity", line.quantity())
                        .executeUpdate();
            }
        });
        for (Batch batch : product.batches()) {
            for (OrderLine line : batch.allocations()) {
                if (!batch.reference().equals(before.lines().get(line))) {
                    em.persist(new AllocationRow(batch.reference(), line.sku(), line.orderId(), line.quantity()));
                }
            }
        }
    }
}
