package io.github.cosmicarch.allocation.service.port;

import java.util.List;

/**
 * The read model of allocations (CQRS): a denormalised view of which batches hold each order's
 * lines, read without going through the domain. Who keeps it up to date depends on the storage:
 * the JPA and in-memory adapters write its rows in the transaction that commits the products
 * ({@code Bootstrap.allocationsViewKeptByStorage}), so it is never behind the commit; a view kept
 * elsewhere is updated by the bus's read-model handlers from the events, at least once each,
 * which is why {@link #add} and {@link #remove} may be repeated. Each call is atomic on its own;
 * implementations are safe for concurrent use.
 */
public interface AllocationsView {

    /**
     * The allocations of an order.
     *
     * @param orderId the order
     * @return its allocations in the order they were made; empty when it has none
     */
    List<OrderAllocation> allocations(String orderId);

    /**
     * Records that a line of an order was allocated. Recording the same allocation twice keeps
     * one row.
     *
     * @param orderId        the order
     * @param sku            the product
     * @param batchReference the batch holding the line
     */
    void add(String orderId, String sku, String batchReference);

    /**
     * Forgets the allocation of an order's line of a product.
     *
     * @param orderId the order
     * @param sku     the product
     */
    void remove(String orderId, String sku);
}
