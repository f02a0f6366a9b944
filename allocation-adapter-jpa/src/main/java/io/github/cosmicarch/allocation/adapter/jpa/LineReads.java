package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the lines a decision needs from the {@code allocations} table: one indexed lookup for
 * where a line is held, one query for the lines of a batch.
 *
 * <p>Each query reads the product's version along with the lines, in the same statement, and
 * compares it with the version this unit of work last read or wrote. The database isolates
 * statements, not the whole unit of work, so lines another unit of work committed since the
 * product was read would not add up to the batch totals read with it: when the version moved,
 * the answer is a {@link ConcurrencyConflict}, which the bus retries on a fresh read.
 */
final class LineReads {

    private final JpaUnitOfWork unitOfWork;

    LineReads(JpaUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    /** Where the line is held, at {@code version}. */
    Allocations whereHeld(String sku, long version, OrderLine line) {
        String doing = "looking up " + line;
        List<Object[]> rows = query(sku, doing, () -> unitOfWork.read(em -> em.createQuery("""
                        select p.version, a.batchReference
                        from ProductRow p left join AllocationRow a
                            on a.sku = p.sku and a.orderId = :orderId and a.quantity = :quantity
                        where p.sku = :sku""", Object[].class)
                .setParameter("sku", sku)
                .setParameter("orderId", line.orderId())
                .setParameter("quantity", line.quantity())
                .getResultList()));
        requireAt(version, rows, sku, doing);
        String holder = (String) rows.get(0)[1];
        return holder == null ? Allocations.none() : new Allocations(Map.of(line, holder));
    }

    /** Every line of the batch, oldest first, at {@code version}. */
    Allocations ofBatch(String sku, long version, String batchReference) {
        String doing = "reading the lines of batch " + batchReference;
        List<Object[]> rows = query(sku, doing, () -> unitOfWork.read(em -> em.createQuery("""
                        select p.version, a.orderId, a.quantity
                        from ProductRow p left join AllocationRow a
                            on a.sku = p.sku and a.batchReference = :batchReference
                        where p.sku = :sku order by a.id""", Object[].class)
                .setParameter("sku", sku)
                .setParameter("batchReference", batchReference)
                .getResultList()));
        requireAt(version, rows, sku, doing);
        Map<OrderLine, String> lines = new LinkedHashMap<>();
        rows.stream().filter(row -> row[1] != null)
                .forEach(row -> lines.put(new OrderLine((String) row[1], sku, (Integer) row[2]), batchReference));
        return new Allocations(lines);
    }

    private static List<Object[]> query(String sku, String doing, Supplier<List<Object[]>> query) {
        try {
            return query.get();
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, doing, sku);
        }
    }

    private static void requireAt(long version, List<Object[]> rows, String sku, String doing) {
        Object found = rows.isEmpty() ? null : rows.get(0)[0];
        if (found == null || (Long) found != version) {
            throw new ConcurrencyConflict(sku, "Product " + sku + " was read at version " + version
                    + " and is at version " + (found == null ? "none" : found) + " in storage while " + doing);
        }
    }
}
