package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import java.util.ArrayList;
import java.util.List;

/** Where a commit's events reach the stored lines and the {@code allocations_view} read model: one place for both. */
final class AppliedEvents {

    private AppliedEvents() {}

    /**
     * Applies the events to the lines and to the read model, in order, by the
     * {@code AllocationsProjection} rule: an allocated line is inserted and its order's row of its
     * batch added unless there; a line given back is deleted, and its order's rows of batches that
     * no longer hold a line of the order of that sku removed. The lines of consecutive
     * allocations, a group's, go in one insert.
     */
    static void apply(Statements writes, List<DomainEvent> events) {
        List<Allocated> allocations = new ArrayList<>();
        for (DomainEvent event : events) {
            if (event instanceof Allocated allocated) {
                allocations.add(allocated);
            } else if (event instanceof Deallocated deallocated) {
                insert(writes, allocations);
                allocations.clear();
                delete(writes, deallocated);
            }
        }
        insert(writes, allocations);
    }

    private static void insert(Statements writes, List<Allocated> allocations) {
        writes.insertRows("insert into allocations (batch_reference, sku, order_id, quantity)",
                allocations.stream().map(allocated -> new Object[] {allocated.batchReference(), allocated.sku(),
                    allocated.orderId(), allocated.quantity()}).toList());
        writes.insertMissingRows("allocations_view", List.of("order_id", "sku", "batch_reference"),
                allocations.stream().map(allocated -> new Object[] {allocated.orderId(), allocated.sku(),
                    allocated.batchReference()}).toList());
    }

    private static void delete(Statements writes, Deallocated deallocated) {
        writes.add("delete from allocations where sku = ? and order_id = ? and quantity = ?",
                deallocated.sku(), deallocated.orderId(), deallocated.quantity());
        writes.add("""
                        delete from allocations_view where order_id = ? and sku = ? and batch_reference not in
                            (select batch_reference from allocations where sku = ? and order_id = ?)""",
                deallocated.orderId(), deallocated.sku(), deallocated.sku(), deallocated.orderId());
    }
}
