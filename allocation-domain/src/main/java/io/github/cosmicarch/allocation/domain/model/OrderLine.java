package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.Arguments.requireAtLeast;

/**
 * One line of a customer's order: so many units of one product. A value: two lines with the same
 * order, sku and quantity are the same line.
 *
 * @param orderId  the order the line belongs to: see {@link Identifiers}
 * @param sku      the stock-keeping unit of the product ordered: see {@link Identifiers}
 * @param quantity how many units are ordered, at least 1
 */
public record OrderLine(String orderId, String sku, int quantity) {

    /**
     * Validates the line.
     *
     * @param orderId  the order the line belongs to
     * @param sku      the stock-keeping unit of the product ordered
     * @param quantity how many units are ordered
     * @throws InvalidIdentifier       when an id is not a valid identifier
     * @throws IllegalArgumentException when the quantity is below 1
     */
    public OrderLine {
        Identifiers.require("orderId", orderId);
        Identifiers.require("sku", sku);
        requireAtLeast(1, "quantity", quantity);
    }
}
