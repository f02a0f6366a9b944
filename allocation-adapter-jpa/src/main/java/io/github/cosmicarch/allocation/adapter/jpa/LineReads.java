package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the lines a decision needs from the {@code allocations} table: one indexed lookup for
 * where a line is held (made with the read of the product's row when the product is read to
 * allocate the line), one query for the lines of a batch.
 *
 * <p>Each query reads the product's version along with the lines, in the same statement, and
 * compares it with the version this unit of work last read or wrote. The database isolates
 * statements, not the whole unit of work, so lines another unit of work committed since the
 * product was read would not add up to the batch totals read with it: when the version moved,
 * the answer is a {@link ConcurrencyConflict}, which the bus retries on a fresh read.
 */
final class LineReads {

    /** Where a line was found held by the read of its product's row, at the version that read found. */
    private record Found(long version, OrderLine line, Allocations allocations) {}

    private final JpaUnitOfWork unitOfWork;
    private Found found;

    LineReads(JpaUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    /**
     * The product's row (incarnation, version) with where the line is held, in one statement;
     * {@link #whereHeld} then answers the line at that version without reading again.
     */
    Optional<Object[]> rowWithLine(String sku, OrderLine line) {
        Optional<Object[]> row = productRowWithLine(sku, line).stream().findFirst();
        row.ifPresent(columns -> found = new Found((Long) columns[1], line, heldBy(line, (String) columns[2])));
        return row;
    }

    /** The product's incarnation and version, and the batch holding the line or {@code null}: one row, or none without the product. */
    private List<Object[]> productRowWithLine(String sku, OrderLine line) {
        return unitOfWork.read(em -> SqlReads.list(em, """
                        select p.incarnation, p.version, a.batch_reference
                        from products p left join allocations a
                            on a.sku = p.sku and a.order_id = ? and a.quantity = ?
                        where p.sku = ?""",
                row -> new Object[] {row.getLong(1), row.getLong(2), row.getString(3)},
                line.orderId(), line.quantity(), sku));
    }

    /** Where the line is held, at {@code version}. */
    Allocations whereHeld(String sku, long version, OrderLine line) {
        if (found != null && found.version() == version && found.line().equals(line)) {
            return found.allocations();
        }
        String doing = "looking up " + line;
        List<Object[]> rows = query(sku, doing, () -> productRowWithLine(sku, line));
        requireAt(version, rows.isEmpty() ? null : rows.get(0)[1], sku, doing);
        return heldBy(line, (String) rows.get(0)[2]);
    }

    private static Allocations heldBy(OrderLine line, String batchReference) {
        return batchReference == null ? Allocations.none() : new Allocations(Map.of(line, batchReference));
    }

    /** Every line of the batch, oldest first, at {@code version}. */
    Allocations ofBatch(String sku, long version, String batchReference) {
        String doing = "reading the lines of batch " + batchReference;
        List<Object[]> rows = query(sku, doing, () -> unitOfWork.read(em -> SqlReads.list(em, """
                        select p.version, a.order_id, a.quantity
                        from products p left join allocations a
                            on a.sku = p.sku and a.batch_reference = ?
                        where p.sku = ? order by a.id""",
                row -> new Object[] {row.getLong(1), row.getString(2), row.getInt(3)},
                batchReference, sku)));
        requireAt(version, rows.isEmpty() ? null : rows.get(0)[0], sku, doing);
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

    /** Refuses lines read at another version of the product than {@code version}: {@code stored} is the one the read found. */
    private static void requireAt(long version, Object stored, String sku, String doing) {
        if (stored == null || (Long) stored != version) {
            throw new ConcurrencyConflict(sku, "Product " + sku + " was read at version " + version
                    + " and is at version " + (stored == null ? "none" : stored) + " in storage while " + doing);
        }
    }
}
