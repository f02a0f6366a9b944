package io.github.cosmicarch.allocation.service.command;

import io.github.cosmicarch.allocation.domain.model.Identifiers;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import java.util.Optional;

/**
 * Allocate an order line to the best batch of its product. Answers the reference of the batch
 * chosen, or empty when the product is out of stock.
 *
 * @param orderId  the order: see {@code Identifiers}
 * @param sku      the product: see {@code Identifiers}
 * @param quantity how many units, at least 1
 */
public record Allocate(String orderId, String sku, int quantity) implements Command<Optional<String>> {

    /**
     * Validates the command as an order line would.
     *
     * @param orderId  the order
     * @param sku      the product
     * @param quantity how many units
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public Allocate {
        Identifiers.require("orderId", orderId);
        Identifiers.require("sku", sku);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, but was " + quantity);
        }
    }

    /**
     * The command to allocate a line.
     *
     * @param line the line
     */
    public Allocate(OrderLine line) {
        this(line.orderId(), line.sku(), line.quantity());
    }

    /** {@return the order line to allocate} */
    public OrderLine line() {
        return new OrderLine(orderId, sku, quantity);
    }
}
