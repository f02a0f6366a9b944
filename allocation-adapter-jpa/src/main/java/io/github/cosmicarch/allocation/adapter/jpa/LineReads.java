package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.LinesToRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the lines a unit of work asks for from the {@code allocations} table: one indexed lookup
 * per line whose holder is asked, one query per batch whose lines are, one for every line.
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

    /**
     * The lines asked for of the product, at {@code version}.
     *
     * @param batches the product's batches: storage is not asked about others
     */
    StoredLines read(String sku, long version, Set<String> batches, LinesToRead lines) {
        Map<OrderLine, String> held = new HashMap<>();
        Set<OrderLine> notHeld = new HashSet<>();
        for (OrderLine line : lines.whereHeld()) {
            String holder = holderOf(sku, version, line);
            if (holder == null) {
                notHeld.add(line);
            } else {
                held.put(line, holder);
            }
        }
        Map<String, List<OrderLine>> byBatch = new HashMap<>();
        if (lines.everyLine()) {
            batches.forEach(reference -> byBatch.put(reference, new ArrayList<>()));
            everyLine(sku, version).forEach(row -> byBatch.get((String) row[1]).add(line(sku, row)));
        } else {
            lines.ofBatches().stream().filter(batches::contains)
                    .forEach(reference -> byBatch.put(reference, linesOf(sku, version, reference)));
        }
        return new StoredLines(held, notHeld, byBatch);
    }

    private String holderOf(String sku, long version, OrderLine line) {
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
        return (String) rows.get(0)[1];
    }

    private List<OrderLine> linesOf(String sku, long version, String batchReference) {
        String doing = "reading the lines of batch " + batchReference;
        List<Object[]> rows = query(sku, doing, () -> unitOfWork.read(em -> em.createQuery("""
                        select p.version, a.batchReference, a.orderId, a.quantity
                        from ProductRow p left join AllocationRow a
                            on a.sku = p.sku and a.batchReference = :batchReference
                        where p.sku = :sku order by a.id""", Object[].class)
                .setParameter("sku", sku)
                .setParameter("batchReference", batchReference)
                .getResultList()));
        requireAt(version, rows, sku, doing);
        return rows.stream().filter(row -> row[1] != null).map(row -> line(sku, row)).toList();
    }

    private List<Object[]> everyLine(String sku, long version) {
        String doing = "reading the lines of product " + sku;
        List<Object[]> rows = query(sku, doing, () -> unitOfWork.read(em -> em.createQuery("""
                        select p.version, a.batchReference, a.orderId, a.quantity
                        from ProductRow p left join AllocationRow a on a.sku = p.sku
                        where p.sku = :sku order by a.id""", Object[].class)
                .setParameter("sku", sku)
                .getResultList()));
        requireAt(version, rows, sku, doing);
        return rows.stream().filter(row -> row[1] != null).toList();
    }

    private static OrderLine line(String sku, Object[] row) {
        return new OrderLine((String) row[2], sku, (Integer) row[3]);
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
