package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.adapter.jpa.Written.Quantities;
import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.LinesToRead;
import io.github.cosmicarch.allocation.domain.port.TrackingProducts;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The products of one JPA unit of work. Reading a product takes one query: its version and its
 * batches with their allocated totals, or, when {@link ProductSnapshots} kept the product at the
 * version stored, its row alone. Its lines stay in the database, and the product asks
 * {@link LineReads} only for those a decision needs. Writing a product checks in one
 * statement that its version did not move, updates the batches whose quantities changed, and
 * turns the events of its history since the last write into inserted and deleted lines, and into
 * the matching rows of the {@code allocations_view} read model, in the same transaction.
 *
 * <p>Reads are JPQL: Hibernate translates each once and caches the translation. Writes are plain
 * JDBC on the entity manager's connection ({@link SqlWrites}), but for the rows of a new product
 * and of a new batch, which are persisted: Hibernate translates a JPQL {@code update} or
 * {@code delete} again on every execution, which took a tenth of an allocation's time on H2 (see
 * ADR 10), and its native queries still cost a microsecond each.
 */
final class JpaProducts extends TrackingProducts {

    private final JpaUnitOfWork unitOfWork;
    private final Map<String, Written> written = new HashMap<>();
    /** What each product written in the open transaction will be in storage when it commits. */
    private final Map<String, ProductSnapshots.Snapshot> toKeep = new HashMap<>();
    private final LineReads lineReads;

    private final ProductSnapshots snapshots;

    JpaProducts(JpaUnitOfWork unitOfWork, ProductSnapshots snapshots) {
        this.unitOfWork = unitOfWork;
        this.lineReads = new LineReads(unitOfWork);
        this.snapshots = snapshots;
    }

    @Override
    protected void store(Product product) {
        written.put(product.sku(), Written.notStored());
    }

    /**
     * Reads the product's row alone when this process kept the product, and builds it from what
     * was kept when the row is at the incarnation and version kept; reads it whole otherwise.
     */
    @Override
    protected Optional<Product> load(String sku) {
        unitOfWork.requireOpen();
        try {
            if (snapshots.knows(sku)) {
                Optional<Object[]> row = unitOfWork.inTransaction()
                        .createQuery("select p.incarnation, p.version from ProductRow p where p.sku = :sku", Object[].class)
                        .setParameter("sku", sku)
                        .getResultStream()
                        .findFirst();
                if (row.isEmpty()) {
                    return Optional.empty();
                }
                Optional<ProductSnapshots.Snapshot> kept = snapshots.at(sku, (Long) row.get()[0], (Long) row.get()[1]);
                if (kept.isPresent()) {
                    written.put(sku, kept.get().written(0));
                    return Optional.of(kept.get().restore(sku));
                }
            }
            return loadWhole(sku);
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "loading product " + sku, sku);
        }
    }

    private Optional<Product> loadWhole(String sku) {
        List<Object[]> rows = unitOfWork.inTransaction().createQuery("""
                        select p.incarnation, p.version, b.reference, b.purchasedQuantity, b.eta, b.allocatedQuantity
                        from ProductRow p left join BatchRow b on b.sku = p.sku
                        where p.sku = :sku order by b.additionOrder""", Object[].class)
                .setParameter("sku", sku)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Batch> batches = rows.stream()
                .filter(row -> row[2] != null)
                .map(row -> Batch.withLinesInStorage((String) row[2], sku, (Integer) row[3], (LocalDate) row[4],
                        (Integer) row[5]))
                .toList();
        Product product = new Product(sku, batches, (Long) rows.get(0)[1]);
        ProductSnapshots.Snapshot snapshot = ProductSnapshots.Snapshot.of(product, (Long) rows.get(0)[0]);
        written.put(sku, snapshot.written(0));
        snapshots.keep(sku, snapshot);
        return Optional.of(product);
    }

    @Override
    protected Optional<String> skuOfBatch(String batchReference) {
        unitOfWork.requireOpen();
        try {
            return unitOfWork.inTransaction()
                    .createQuery("select b.sku from BatchRow b where b.reference = :reference", String.class)
                    .setParameter("reference", batchReference)
                    .getResultStream()
                    .findFirst();
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "finding the product of batch " + batchReference);
        }
    }

    /** Reads lines at the version this unit of work last read or wrote of the product. */
    @Override
    protected StoredLines read(Product product, LinesToRead lines) {
        unitOfWork.requireOpen();
        Written before = written.get(product.sku());
        if (before == null || !before.isStored()) {
            throw new ConcurrencyConflict(product.sku(), "Product " + product.sku()
                    + " is not in storage as this unit of work knows it, so its lines cannot be read");
        }
        return lineReads.read(product.sku(), before.version(), before.batches().keySet(), lines);
    }

    /**
     * Writes the changed products, as {@link #changed()} listed them, and keeps what each will be
     * in storage once the transaction commits.
     */
    void writeChanges(EntityManager em, List<Product> changed) {
        for (Product product : changed) {
            Written before = written.get(product.sku());
            writeVersion(em, product, before);
            BatchesWritten batches = writeBatches(em, product, before);
            em.flush();
            writeLines(em, product, before, batches.added());
            toKeep.put(product.sku(), batches.after());
        }
    }

    private static void insertLine(EntityManager em, String batchReference, OrderLine line) {
        SqlWrites.update(em, "insert into allocations (batch_reference, sku, order_id, quantity) values (?, ?, ?, ?)",
                batchReference, line.sku(), line.orderId(), line.quantity());
    }

    /** After the transaction committed, what was written is the new base, and what this process keeps of the product. */
    void committed(List<Product> changed) {
        for (Product product : changed) {
            ProductSnapshots.Snapshot snapshot = toKeep.remove(product.sku());
            written.put(product.sku(), snapshot.written(product.history().size()));
            snapshots.keep(product.sku(), snapshot);
        }
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
            em.persist(new ProductRow(product.sku(), product.version(), before.incarnation()));
            return;
        }
        int updated = SqlWrites.update(em, "update products set version = ? where sku = ? and version = ?",
                product.version(), product.sku(), before.version());
        if (updated == 0) {
            throw new ConcurrencyConflict(product.sku(), "Product " + product.sku() + " was read at version "
                    + before.version() + " and changed by another unit of work since");
        }
    }

    /** What writing a product's batches did: the batches it inserted, and the product as it will be stored. */
    private record BatchesWritten(List<Batch> added, ProductSnapshots.Snapshot after) {}

    /**
     * Inserts the new batches and updates those whose quantities changed, in one pass over the
     * batches that also builds the product as it will be stored.
     */
    private static BatchesWritten writeBatches(EntityManager em, Product product, Written before) {
        int additionOrder = before.batches().size();
        List<Batch> added = new ArrayList<>();
        ProductSnapshots.Snapshot.Builder after = new ProductSnapshots.Snapshot.Builder(before.incarnation(),
                product.version(), product.batches().size());
        for (Batch batch : product.batches()) {
            Quantities was = before.batches().get(batch.reference());
            Quantities now = after.add(batch, was);
            if (was == null) {
                em.persist(new BatchRow(batch.reference(), product.sku(), now.purchased(), now.allocated(),
                        batch.eta().orElse(null), additionOrder++));
                added.add(batch);
            } else if (now != was) {
                SqlWrites.update(em, "update batches set purchased_quantity = ?, allocated_quantity = ? where reference = ?",
                        now.purchased(), now.allocated(), batch.reference());
            }
        }
        return new BatchesWritten(added, after.build());
    }

    /**
     * The lines a batch new to the database was built holding are inserted first, oldest first.
     * Then each line allocated since the last write is inserted, each line given back deleted, in
     * the order they happened; the read model follows: an allocated line adds its order's row
     * unless it is there, a line given back removes the order's row of its batch unless another
     * line of the order is still held there.
     */
    private static void writeLines(EntityManager em, Product product, Written before, List<Batch> added) {
        List<DomainEvent> history = product.history();
        List<DomainEvent> unwritten = history.subList(before.historyWritten(), history.size());
        for (Batch batch : added) {
            for (OrderLine line : product.linesNotAllocatedSince(batch.reference(), before.historyWritten())) {
                insertLine(em, batch.reference(), line);
            }
        }
        for (DomainEvent event : unwritten) {
            if (event instanceof Allocated allocated) {
                insertLine(em, allocated.batchReference(), allocated.line());
                SqlWrites.update(em, """
                                insert into allocations_view (order_id, sku, batch_reference)
                                select ?, ?, ? where not exists (select 1 from allocations_view
                                    where order_id = ? and sku = ? and batch_reference = ?)""",
                        allocated.orderId(), allocated.sku(), allocated.batchReference(),
                        allocated.orderId(), allocated.sku(), allocated.batchReference());
            } else if (event instanceof Deallocated deallocated) {
                SqlWrites.update(em, "delete from allocations where sku = ? and order_id = ? and quantity = ?",
                        deallocated.sku(), deallocated.orderId(), deallocated.quantity());
                SqlWrites.update(em, """
                                delete from allocations_view where order_id = ? and sku = ? and batch_reference not in
                                    (select batch_reference from allocations where sku = ? and order_id = ?)""",
                        deallocated.orderId(), deallocated.sku(), deallocated.sku(), deallocated.orderId());
            }
        }
    }
}
