package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.Arguments.requireAtLeast;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A batch of stock of one product: so many units purchased, either already in the warehouse or
 * arriving on a shipment at its eta. Order lines are allocated to it until it has no room left.
 *
 * <p>An entity: two batches are equal when they have the same reference. A batch belongs to one
 * {@link Product}, and only its product changes it, so that the product's version and events
 * account for every change; from outside, a batch can be read but not changed.
 *
 * <p>A batch keeps its quantities, not its lines: which batch holds which line is told by the
 * product's events and, for lines allocated before the product was read, by the
 * {@link Allocations} a decision is given. Reading a batch costs the same however many lines it
 * holds.
 */
public final class Batch {

    private final String reference;
    private final String sku;
    private final LocalDate eta;
    private int purchasedQuantity;
    private int allocatedQuantity;

    /**
     * Creates a batch that holds no allocation yet.
     *
     * @param reference         the batch's identity: see {@link Identifiers}
     * @param sku               the stock-keeping unit of its product: see {@link Identifiers}
     * @param purchasedQuantity how many units were purchased, at least 0
     * @param eta               when the shipment arrives, or {@code null} for stock already in
     *                          the warehouse
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public Batch(String reference, String sku, int purchasedQuantity, LocalDate eta) {
        this(reference, sku, purchasedQuantity, eta, 0);
    }

    /**
     * Restores a batch as it was stored, for instance when an adapter reads it back.
     *
     * @param reference         the batch's identity: see {@link Identifiers}
     * @param sku               the stock-keeping unit of its product: see {@link Identifiers}
     * @param purchasedQuantity how many units were purchased, at least 0
     * @param eta               when the shipment arrives, or {@code null} for warehouse stock
     * @param allocatedQuantity how many units its lines take, from 0 to the purchased quantity
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public Batch(String reference, String sku, int purchasedQuantity, LocalDate eta, int allocatedQuantity) {
        this.reference = Identifiers.require("reference", reference);
        this.sku = Identifiers.require("sku", sku);
        this.purchasedQuantity = requireAtLeast(0, "purchasedQuantity", purchasedQuantity);
        this.eta = eta;
        if (allocatedQuantity < 0 || allocatedQuantity > purchasedQuantity) {
            throw new IllegalArgumentException("allocatedQuantity must be between 0 and purchasedQuantity ("
                    + purchasedQuantity + "), but was " + allocatedQuantity);
        }
        this.allocatedQuantity = allocatedQuantity;
    }

    /** {@return the reference: the batch's identity} */
    public String reference() {
        return reference;
    }

    /** {@return the sku of the product the batch holds} */
    public String sku() {
        return sku;
    }

    /** {@return when the shipment arrives, or empty for stock already in the warehouse} */
    public Optional<LocalDate> eta() {
        return Optional.ofNullable(eta);
    }

    /** {@return how many units were purchased, at least 0} */
    public int purchasedQuantity() {
        return purchasedQuantity;
    }

    /** {@return how many units the allocated lines take, never above the purchased quantity} */
    public int allocatedQuantity() {
        return allocatedQuantity;
    }

    /** {@return how many units are still free: the purchased quantity minus the allocated quantity} */
    public int availableQuantity() {
        return purchasedQuantity - allocatedQuantity;
    }

    /**
     * Whether the line is of this batch's sku and fits in what is still free.
     *
     * @param line the line to check
     * @return {@code true} when the batch could take the line
     */
    public boolean canAllocate(OrderLine line) {
        return sku.equals(line.sku()) && line.quantity() <= availableQuantity();
    }

    /** Takes a line its product knows no batch holds. */
    void allocate(OrderLine line) {
        if (!canAllocate(line)) {
            throw new IllegalArgumentException("batch " + reference + " cannot take " + line);
        }
        allocatedQuantity += line.quantity();
    }

    /** Gives back a line its product knows this batch holds. */
    void deallocate(OrderLine line) {
        allocatedQuantity -= line.quantity();
    }

    /** Sets the purchased quantity; the product has given back what no longer fits. */
    void changePurchasedQuantity(int quantity) {
        purchasedQuantity = quantity;
    }

    /** Batches are equal when their references are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Batch batch && reference.equals(batch.reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }

    @Override
    public String toString() {
        return "Batch[" + reference + ", " + sku + ", " + allocatedQuantity + "/" + purchasedQuantity
                + (eta == null ? ", in warehouse" : ", eta " + eta) + "]";
    }
}
