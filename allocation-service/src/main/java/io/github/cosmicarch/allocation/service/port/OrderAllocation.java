package io.github.cosmicarch.allocation.service.port;

import static java.util.Objects.requireNonNull;

/**
 * One row of the read model: a line of an order allocated to a batch.
 *
 * @param sku            the product
 * @param batchReference the batch holding the line
 */
public record OrderAllocation(String sku, String batchReference) {

    /**
     * Checks that both fields are present.
     *
     * @param sku            the product
     * @param batchReference the batch holding the line
     * @throws NullPointerException when a field is {@code null}
     */
    public OrderAllocation {
        requireNonNull(sku, "sku");
        requireNonNull(batchReference, "batchReference");
    }
}
