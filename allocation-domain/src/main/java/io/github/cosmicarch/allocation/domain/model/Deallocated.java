package io.github.cosmicarch.allocation.domain.model;

import static java.util.Objects.requireNonNull;


/**
 * An order line lost its allocation because its batch shrank; it needs allocating again.
 *
 * @param line the line given back
 */
public record Deallocated(OrderLine line) implements DomainEvent {

    /**
     * Checks that the line is present.
     *
     * @param line the line given back
     * @throws NullPointerException when {@code line} is {@code null}
     */
    public Deallocated {
        requireNonNull(line, "line");
    }

    /**
     * Creates the event from the line's fields.
     *
     * @param orderId  the order the line belongs to
     * @param sku      the product's stock-keeping unit
     * @param quantity how many units the line asks for
     * @throws IllegalArgumentException when the fields do not make a valid {@link OrderLine}
     */
    public Deallocated(String orderId, String sku, int quantity) {
        this(new OrderLine(orderId, sku, quantity));
    }

    /** {@return the order the line belongs to} */
    public String orderId() {
        return line.orderId();
    }

    @Override
    public String sku() {
        return line.sku();
    }

    /** {@return how many units the line asks for} */
    public int quantity() {
        return line.quantity();
    }

    /** The line's fields flat, as the book's events print. */
    @Override
    public String toString() {
        return "Deallocated[orderId=" + line.orderId() + ", sku=" + line.sku() + ", quantity=" + line.quantity() + "]";
    }
}
