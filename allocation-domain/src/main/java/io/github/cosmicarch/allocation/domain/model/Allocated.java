package io.github.cosmicarch.allocation.domain.model;

import static java.util.Objects.requireNonNull;


/**
 * An order line was allocated to a batch.
 *
 * @param line           the line allocated
 * @param batchReference the batch that now holds the line
 */
public record Allocated(OrderLine line, String batchReference) implements DomainEvent {

    /**
     * Checks that every field is present.
     *
     * @param line           the line allocated
     * @param batchReference the batch that now holds the line
     * @throws NullPointerException when a field is {@code null}
     */
    public Allocated {
        requireNonNull(line, "line");
        requireNonNull(batchReference, "batchReference");
    }

    /**
     * Creates the event from the line's fields.
     *
     * @param orderId        the order the line belongs to
     * @param sku            the product's stock-keeping unit
     * @param quantity       how many units were allocated
     * @param batchReference the batch that now holds the line
     * @throws IllegalArgumentException when the fields do not make a valid {@link OrderLine}
     */
    public Allocated(String orderId, String sku, int quantity, String batchReference) {
        this(new OrderLine(orderId, sku, quantity), batchReference);
    }

    /** {@return the order the line belongs to} */
    public String orderId() {
        return line.orderId();
    }

    @Override
    public String sku() {
        return line.sku();
    }

    /** {@return how many units were allocated} */
    public int quantity() {
        return line.quantity();
    }

    /** The line's fields flat, as the book's events print. */
    @Override
    public String toString() {
        return "Allocated[orderId=" + line.orderId() + ", sku=" + line.sku() + ", quantity=" + line.quantity()
                + ", batchReference=" + batchReference + "]";
    }
}
