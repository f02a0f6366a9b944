package io.github.cosmicarch.allocation.service.port;

import java.util.List;

/**
 * The read model of allocations (CQRS): which batches hold each order's lines, read without going
 * through the domain. It is written by an {@link AllocationsProjection}, whose rule says what it
 * shows. Implementations are safe for concurrent use.
 */
@FunctionalInterface
public interface AllocationsView {

    /**
     * The allocations of an order: the sku and batch of each of its lines a batch holds, once per
     * sku and batch, in the order each first came to be held.
     *
     * @param orderId the order
     * @return its allocations; empty when it has none
     */
    List<OrderAllocation> allocations(String orderId);
}
