package io.github.cosmicarch.allocation.domain.event;

import static java.util.Objects.requireNonNull;

/**
 * An order line was allocated to a batch.
 *
 * @param orderId        the order the line belongs to
 * @param sku            the product's stock-keeping unit
 * @param quantity       how many units were allocated
 * @param batchReference the batch that now holds the line
 */
public record Allocated(String orderId, String sku, int quantity, String batchReference)
        implements DomainEvent {

    /**
     * Checks that every field is present.
     *
     * @param orderId        the order the line belongs to
     * @param sku            the product's stock-keeping unit
     * @param quantity       how many units were allocated
     * @param batchReference the batch that now holds the line
     * @throws NullPointerException when a field is {@code null}
     */
    public Allocated {
        requireNonNull(orderId, "orderId");
        requireNonNull(sku, "sku");
        requireNonNull(batchReference, "batchReference");
    }
}
