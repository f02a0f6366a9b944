package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.Arguments.requireAtLeast;
import static io.github.cosmicarch.allocation.domain.model.Arguments.requireNotBlank;

/**
 * One line of a customer's order: so many units of one product. A value: two lines with the same
 * order, sku and quantity are the same line.
 *
 * @param orderId  the order the line belongs to, not blank
 * @param sku      the stock-keeping unit of the product ordered, not blank
 * @param quantity how many units are ordered, at least 1
 */
public record OrderLine(String orderId, String sku, int quantity) {

    /**
     * Validates the line.
     *
     * @param orderId  the order the line belongs to
     * @param sku      the stock-keeping unit of the product ordered
     * @param quantity how many units are ordered
     * @throws IllegalArgumentException naming the field and its value when an id is null or blank,
     *                                  or the quantity is below 1
     */
    public OrderLine {
        requireNotBlank("orderId", orderId);
        requireNotBlank("sku", sku);
        requireAtLeast(1, "quantity", quantity);
    }
}
