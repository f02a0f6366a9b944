package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.adapter.jpa.Written.Quantities;
import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.Products;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The products of one JPA unit of work. Reading a product takes one query: its version and its
 * batches with their allocated totals, or, when {@link ProductSnapshots} kept the product at the
 * version stored, its row alone, with where the line is held when it is read to allocate a line. Its lines stay in the database; {@link LineReads} answers those
 * a decision needs. Writing a product checks in one statement that its version did not move,
 * updates the batches whose quantities changed, and applies its events to the lines and to the
 * {@code allocations_view} read model ({@link AppliedEvents}), in the same transaction.
 *
 * <p>Reads and writes are plain JDBC on the entity manager's connection ({@link SqlReads},
 * {@link SqlWrites}): the provider's query machinery adds nothing where rows become values at
 * once, Hibernate translates a JPQL {@code update} or {@code delete} again on every execution
 * (ADR 10), and an entity persisted would have the entity manager flushed, which in a caller's
 * transaction flushes the caller's own entities too.
 */
final class JpaProducts implements Products {

    private final JpaUnitOfWork unitOfWork;
    private final Map<String, Product> seen = new LinkedHashMap<>();
    private final Map<String, Written> written = new HashMap<>();
    /**
     * The sku of the product that has a batch, or empty for none, as a read for a new batch found
     * it: answered once, to the check that follows the read, then asked of the database again.
     */
    private final Map<String, Optional<String>> batchOwners = new HashMap<>();
    /** What each product written in the open transaction will be in storage when it commits. */
    private final Map<String, ProductSnapshots.Snapshot> toKeep = new HashMap<>();
    private final LineReads lineReads;
    private final ProductSnapshots snapshots;
    /** Whether what it reads is committed state, for the process to keep: not in a caller's transaction, which may roll back its own writes. */
    private final boolean readsCommitted;

    JpaProducts(JpaUnitOfWork unitOfWork, ProductSnapshots snapshots, boolean readsCommitted) {
        this.unitOfWork = unitOfWork;
        this.lineReads = new LineReads(unitOfWork);
        this.snapshots = snapshots;
        this.readsCommitted = readsCommitted;
    }

    @Override
    public void add(Product product) {
        Objects.requireNonNull(product, "product");
        written.put(product.sku(), Written.notStored());
        seen.put(product.sku(), product);
    }

    @Override
    public Optional<Product> get(String sku) {
        return getOrLoad(sku, () -> readRow(sku));
    }

    /** Reads a product kept at the version stored together with where the line is held: one statement. */
    @Override
    public Optional<Product> getFor(OrderLine line) {
        return getOrLoad(line.sku(), () -> lineReads.rowWithLine(line.sku(), line));
    }

    /** Reads a product kept at the version stored together with the sku of any product that has the batch: one statement. */
    @Override
    public Optional<Product> getForNewBatch(String sku, String batchReference) {
        return getOrLoad(sku, () -> {
            Optional<Object[]> row = SqlReads.list(unitOfWork.inTransaction(), """
                            select p.incarnation, p.version, (select b.sku from batches b where b.reference = ?)
                            from products p where p.sku = ?""",
                    columns -> new Object[] {columns.getLong(1), columns.getLong(2), columns.getString(3)},
                    batchReference, sku).stream().findFirst();
            row.ifPresent(columns -> batchOwners.put(batchReference, Optional.ofNullable((String) columns[2])));
            return row;
        });
    }

    private Optional<Product> getOrLoad(String sku, Supplier<Optional<Object[]>> keptRow) {
        Product known = seen.get(sku);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Product> loaded = load(sku, keptRow);
        loaded.ifPresent(product -> seen.put(sku, product));
        return loaded;
    }

    @Override
    public Optional<Product> getByBatchReference(String batchReference) {
        for (Product known : seen.values()) {
            if (known.batch(batchReference).isPresent()) {
                return Optional.of(known);
            }
        }
        Optional<String> owner = batchOwners.remove(batchReference);
        if (owner != null) {
            return owner.flatMap(this::get);
        }
        unitOfWork.requireOpen();
        try {
            return SqlReads.list(unitOfWork.inTransaction(), "select sku from batches where reference = ?",
                            row -> row.getString(1), batchReference).stream()
                    .findFirst()
                    .flatMap(this::get);
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "finding the product of batch " + batchReference);
        }
    }

    @Override
    public Allocations allocationsOf(OrderLine line) {
        Written before = storedAsRead(line.sku());
        return before.isStored() ? lineReads.whereHeld(line.sku(), before.version(), line) : Allocations.none();
    }

    @Override
    public Allocations allocationsIn(String batchReference) {
        unitOfWork.requireOpen();
        String sku = seen.values().stream().filter(product -> product.batch(batchReference).isPresent())
                .map(Product::sku).findFirst()
                .orElseThrow(() -> new IllegalStateException("No product read in this unit of work has batch "
                        + batchReference + ": read it first"));
        Written before = storedAsRead(sku);
        return before.isStored() && before.batches().containsKey(batchReference)
                ? lineReads.ofBatch(sku, before.version(), batchReference)
                : Allocations.none();
    }

    /** What this unit of work last read or wrote of a product it holds. */
    private Written storedAsRead(String sku) {
        unitOfWork.requireOpen();
        if (!seen.containsKey(sku)) {
            throw new IllegalStateException("Product " + sku + " was not read in this unit of work: read it first");
        }
        return written.get(sku);
    }

    /**
     * Reads the product's row alone when this process kept the product (its incarnation and
     * version first, and whatever else the read answers with them), and builds the product from
     * what was kept when the row is at the incarnation and version kept; reads it whole otherwise.
     */
    private Optional<Product> load(String sku, Supplier<Optional<Object[]>> keptRow) {
        unitOfWork.requireOpen();
        try {
            if (snapshots.knows(sku)) {
                Optional<Object[]> row = keptRow.get();
                if (row.isEmpty()) {
                    return Optional.empty();
                }
                long version = (Long) row.get()[1];
                Optional<ProductSnapshots.Snapshot> kept = snapshots.at(sku, (Long) row.get()[0], version);
                if (kept.isPresent()) {
                    written.put(sku, kept.get().written());
                    return Optional.of(kept.get().restore(sku));
                }
            }
            return loadWhole(sku);
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "loading product " + sku, sku);
        }
    }

    private Optional<Object[]> readRow(String sku) {
        return SqlReads.list(unitOfWork.inTransaction(), "select incarnation, version from products where sku = ?",
                row -> new Object[] {row.getLong(1), row.getLong(2)}, sku).stream().findFirst();
    }

    private Optional<Product> loadWhole(String sku) {
        List<Object[]> rows = SqlReads.list(unitOfWork.inTransaction(), """
                        select p.incarnation, p.version, b.reference, b.purchased_quantity, b.eta, b.allocated_quantity
                        from products p left join batches b on b.sku = p.sku
                        where p.sku = ? order by b.addition_order""",
                row -> new Object[] {row.getLong(1), row.getLong(2), row.getString(3), row.getInt(4),
                    row.getObject(5, LocalDate.class), row.getInt(6)},
                sku);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Batch> batches = rows.stream()
                .filter(row -> row[2] != null)
                .map(row -> new Batch((String) row[2], sku, (Integer) row[3], (LocalDate) row[4], (Integer) row[5]))
                .toList();
        Product product = new Product(sku, batches, (Long) rows.get(0)[1]);
        ProductSnapshots.Snapshot snapshot = ProductSnapshots.Snapshot.of(product, (Long) rows.get(0)[0]);
        written.put(sku, snapshot.written());
        if (readsCommitted) {
            snapshots.keep(sku, snapshot);
        }
        return Optional.of(product);
    }

    Collection<Product> seen() {
        return seen.values();
    }

    /** The units the product's batches held when this unit of work read or last wrote it. */
    int unitsRead(Product product) {
        return written.get(product.sku()).batches().values().stream().mapToInt(Quantities::allocated).sum();
    }

    /** Whether the product was created here, or changed since it was read or last written. */
    boolean changed(Product product) {
        Written before = written.get(product.sku());
        return !before.isStored() || before.version() != product.version();
    }

    /**
     * Writes the changed products, in the order given, then applies their events, and keeps what
     * each will be in storage once the transaction commits.
     */
    void write(Statements writes, Map<Product, List<DomainEvent>> changed) {
        List<DomainEvent> events = new ArrayList<>();
        changed.forEach((product, recorded) -> {
            Written before = written.get(product.sku());
            writeVersion(writes, product, before);
            toKeep.put(product.sku(), writeBatches(writes, product, before));
            events.addAll(recorded);
        });
        AppliedEvents.apply(writes, events);
    }

    /**
     * After the unit of work committed, what was written is the new base.
     *
     * @return what storage holds of each product once the transaction has committed, for the
     *         process to keep
     */
    Map<String, ProductSnapshots.Snapshot> committed(Collection<Product> changed) {
        batchOwners.clear();
        Map<String, ProductSnapshots.Snapshot> stored = new HashMap<>();
        for (Product product : changed) {
            ProductSnapshots.Snapshot snapshot = toKeep.remove(product.sku());
            written.put(product.sku(), snapshot.written());
            stored.put(product.sku(), snapshot);
        }
        return stored;
    }

    private static void writeVersion(Statements writes, Product product, Written before) {
        if (!before.isStored()) {
            writes.add("insert into products (sku, version, incarnation) values (?, ?, ?)",
                    product.sku(), product.version(), before.incarnation());
            return;
        }
        writes.add("update products set version = ? where sku = ? and version = ?", updated -> {
            if (updated == 0) {
                throw new ConcurrencyConflict(product.sku(), "Product " + product.sku() + " was read at version "
                        + before.version() + " and changed by another unit of work since");
            }
        }, product.version(), product.sku(), before.version());
    }

    /**
     * Inserts the new batches and updates those whose quantities changed, in one pass over the
     * batches that also builds the product as it will be stored.
     */
    private static ProductSnapshots.Snapshot writeBatches(Statements writes, Product product, Written before) {
        int additionOrder = before.batches().size();
        ProductSnapshots.Snapshot.Builder after = new ProductSnapshots.Snapshot.Builder(before.incarnation(),
                product.version(), product.batches().size());
        for (Batch batch : product.batches()) {
            Quantities was = before.batches().get(batch.reference());
            Quantities now = after.add(batch, was);
            if (was == null) {
                writes.add("""
                                insert into batches (reference, sku, purchased_quantity, allocated_quantity, eta, addition_order)
                                values (?, ?, ?, ?, ?, ?)""", batch.reference(), product.sku(), now.purchased(), now.allocated(),
                        batch.eta().orElse(null), additionOrder++);
            } else if (now != was) {
                writes.add("update batches set purchased_quantity = ?, allocated_quantity = ? where reference = ?",
                        now.purchased(), now.allocated(), batch.reference());
            }
        }
        return after.build();
    }
}
