package io.github.cosmicarch.allocation.domain.model;

import static java.util.Objects.requireNonNull;

/**
 * No batch of the product could take an order line.
 *
 * @param sku the product's stock-keeping unit
 */
public record OutOfStock(String sku) implements DomainEvent {

    /**
     * Checks that the sku is present.
     *
     * @param sku the product's stock-keeping unit
     * @throws NullPointerException when {@code sku} is {@code null}
     */
    public OutOfStock {
        requireNonNull(sku, "sku");
    }
}
