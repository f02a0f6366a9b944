package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The lines of one product in the {@code allocations} table, read only when the product asks:
 * one indexed lookup to know whether a line is held, one query for the lines of a batch that
 * shrinks.
 *
 * <p>Each query reads the product's version along with the lines, in the same statement, and
 * compares it with the version this unit of work last read or wrote. The database isolates
 * statements, not the whole unit of work, so lines another unit of work committed since the
 * product was read would not add up to the batch totals read with it: when the version moved,
 * the answer is a {@link ConcurrencyConflict}, which the bus retries on a fresh read.
 */
final class JpaStoredLines implements StoredLines {

    private final JpaUnitOfWork unitOfWork;
    private final String sku;
    private final LongSupplier versionInStorage;

    /**
     * @param versionInStorage the version this unit of work last read or wrote of the product
     */
    JpaStoredLines(JpaUnitOfWork unitOfWork, String sku, LongSupplier versionInStorage) {
        this.unitOfWork = unitOfWork;
        this.sku = sku;
        this.versionInStorage = versionInStorage;
    }

    @Override
    public Optional<String> batchHolding(OrderLine line) {
        List<Object[]> rows;
        try {
            rows = unitOfWork.read(em -> em.createQuery("""
                            select p.version, a.batchReference
                            from ProductRow p left join AllocationRow a
                                on a.sku = p.sku and a.orderId = :orderId and a.quantity = :quantity
                            where p.sku = :sku""", Object[].class)
                    .setParameter("sku", sku)
                    .setParameter("orderId", line.orderId())
                    .setParameter("quantity", line.quantity())
                    .getResultList());
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "looking up " + line, sku);
        }
        requireUnmoved(rows, "looking up " + line);
        return rows.stream().map(row -> (String) row[1]).filter(Objects::nonNull).findFirst();
    }

    @Override
    public List<OrderLine> heldBy(String batchReference) {
        List<Object[]> rows;
        try {
            rows = unitOfWork.read(em -> em.createQuery("""
                            select p.version, a.orderId, a.quantity
                            from ProductRow p left join AllocationRow a
                                on a.sku = p.sku and a.batchReference = :batchReference
                            where p.sku = :sku order by a.id""", Object[].class)
                    .setParameter("sku", sku)
                    .setParameter("batchReference", batchReference)
                    .getResultList());
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "reading the lines of batch " + batchReference, sku);
        }
        requireUnmoved(rows, "reading the lines of batch " + batchReference);
        return rows.stream()
                .filter(row -> row[1] != null)
                .map(row -> new OrderLine((String) row[1], sku, (Integer) row[2]))
                .toList();
    }

    private void requireUnmoved(List<Object[]> rows, String doing) {
        long expected = versionInStorage.getAsLong();
        Object found = rows.isEmpty() ? null : rows.get(0)[0];
        if (found == null || (Long) found != expected) {
            throw new ConcurrencyConflict(sku, "Product " + sku + " was read at version " + expected
                    + " and is at version " + (found == null ? "none" : found) + " in storage while " + doing);
        }
    }
}
