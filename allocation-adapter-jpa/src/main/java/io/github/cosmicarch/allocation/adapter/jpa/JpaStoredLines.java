package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import java.util.List;
import java.util.Optional;

/**
 * The lines of one product in the {@code allocations} table, read only when the product asks:
 * one indexed lookup to know whether a line is held, one query for the lines of a batch that
 * shrinks.
 */
final class JpaStoredLines implements StoredLines {

    private final JpaUnitOfWork unitOfWork;
    private final String sku;

    JpaStoredLines(JpaUnitOfWork unitOfWork, String sku) {
        this.unitOfWork = unitOfWork;
        this.sku = sku;
    }

    @Override
    public Optional<String> batchHolding(OrderLine line) {
        try {
            return unitOfWork.read(em -> em.createQuery("""
                            select a.batchReference from AllocationRow a
                            where a.sku = :sku and a.orderId = :orderId and a.quantity = :quantity""", String.class)
                    .setParameter("sku", sku)
                    .setParameter("orderId", line.orderId())
                    .setParameter("quantity", line.quantity())
                    .getResultList().stream()
                    .findFirst());
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "looking up " + line, sku);
        }
    }

    @Override
    public List<OrderLine> heldBy(String batchReference) {
        try {
            return unitOfWork.read(em -> em.createQuery("""
                            select a.orderId, a.quantity from AllocationRow a
                            where a.batchReference = :batchReference order by a.id""", Object[].class)
                    .setParameter("batchReference", batchReference)
                    .getResultList().stream()
                    .map(row -> new OrderLine((String) row[0], sku, (Integer) row[1]))
                    .toList());
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, "reading the lines of batch " + batchReference, sku);
        }
    }
}
