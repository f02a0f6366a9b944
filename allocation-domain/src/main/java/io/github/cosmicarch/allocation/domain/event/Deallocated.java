package io.github.cosmicarch.allocation.domain.event;

import static java.util.Objects.requireNonNull;

/**
 * An order line lost its allocation because its batch shrank; it needs allocating again.
 *
 * @param orderId  the order the line belongs to
 * @param sku      the product's stock-keeping unit
 * @param quantity how many units the line asks for
 */
public record Deallocated(String orderId, String sku, int quantity) implements DomainEvent {

    /**
     * Checks that every field is present.
     *
     * @param orderId  the order the line belongs to
     * @param sku      the product's stock-keeping unit
     * @param quantity how many units the line asks for
     * @throws NullPointerException when a field is {@code null}
     */
    public Deallocated {
        requireNonNull(orderId, "orderId");
        requireNonNull(sku, "sku");
    }
}
