package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.Arguments.requireAtLeast;
import static io.github.cosmicarch.allocation.domain.model.Arguments.requireNotBlank;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A batch of stock of one product: so many units purchased, either already in the warehouse or
 * arriving on a shipment at its eta. Order lines are allocated to it until it has no room left.
 *
 * <p>An entity: two batches are equal when they have the same reference. A batch belongs to one
 * {@link Product}, and only its product changes it, so that the product's version and events
 * account for every change; from outside, a batch can be read but not changed.
 *
 * <p>The allocated quantity is kept up to date on every change rather than summed when asked,
 * so that reading it costs the same however many lines the batch holds. A batch restored
 * {@linkplain #withStoredLines with its lines left in storage} reads them only when it must:
 * to list them, to find one, or to give some back when it shrinks.
 */
public final class Batch {

    private final String reference;
    private final String sku;
    private final LocalDate eta;
    private int purchasedQuantity;
    private int allocatedQuantity;
    /** Every line held when {@link #storedLines} is null; otherwise the lines added since restored. */
    private final Set<OrderLine> allocations = new LinkedHashSet<>();
    /** Where the older lines are while they stay in storage; null once they are in memory. */
    private StoredLines storedLines;

    /**
     * Creates a batch that holds no allocation yet.
     *
     * @param reference         the batch's identity, not blank
     * @param sku               the stock-keeping unit of its product, not blank
     * @param purchasedQuantity how many units were purchased, at least 0
     * @param eta               when the shipment arrives, or {@code null} for stock already in
     *                          the warehouse
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public Batch(String reference, String sku, int purchasedQuantity, LocalDate eta) {
        this(reference, sku, purchasedQuantity, eta, List.of());
    }

    /**
     * Restores a batch with the lines it already holds, for instance when an adapter reads it
     * back from storage.
     *
     * @param reference         the batch's identity, not blank
     * @param sku               the stock-keeping unit of its product, not blank
     * @param purchasedQuantity how many units were purchased, at least 0
     * @param eta               when the shipment arrives, or {@code null} for stock already in
     *                          the warehouse
     * @param allocations       the lines it holds, oldest allocation first
     * @throws IllegalArgumentException when a field is invalid, a line has another sku, a line
     *                                  appears twice, or the lines need more than was purchased
     */
    public Batch(String reference, String sku, int purchasedQuantity, LocalDate eta, List<OrderLine> allocations) {
        this.reference = requireNotBlank("reference", reference);
        this.sku = requireNotBlank("sku", sku);
        this.purchasedQuantity = requireAtLeast(0, "purchasedQuantity", purchasedQuantity);
        this.eta = eta;
        for (OrderLine line : allocations) {
            if (!canAllocate(line) || isAllocated(line)) {
                throw new IllegalArgumentException("batch " + reference + " of " + sku + ", with "
                        + availableQuantity() + " available, cannot hold " + line);
            }
            add(line);
        }
    }

    private Batch(String reference, String sku, int purchasedQuantity, LocalDate eta, int allocatedQuantity,
                  StoredLines storedLines) {
        this(reference, sku, purchasedQuantity, eta, List.of());
        if (allocatedQuantity < 0 || allocatedQuantity > purchasedQuantity) {
            throw new IllegalArgumentException("allocatedQuantity must be between 0 and purchasedQuantity ("
                    + purchasedQuantity + "), but was " + allocatedQuantity);
        }
        this.allocatedQuantity = allocatedQuantity;
        this.storedLines = requireNonNull(storedLines, "storedLines");
    }

    /**
     * Restores a batch whose lines stay in storage until it needs them; its allocated quantity is
     * the stored running total.
     *
     * @param reference         the batch's identity, not blank
     * @param sku               the stock-keeping unit of its product, not blank
     * @param purchasedQuantity how many units were purchased, at least 0
     * @param eta               when the shipment arrives, or {@code null} for warehouse stock
     * @param allocatedQuantity the total of the lines it holds in storage
     * @param storedLines       where its lines can be read
     * @return the batch
     * @throws IllegalArgumentException when a field is invalid or the total exceeds the purchase
     */
    public static Batch withStoredLines(String reference, String sku, int purchasedQuantity, LocalDate eta,
                                        int allocatedQuantity, StoredLines storedLines) {
        return new Batch(reference, sku, purchasedQuantity, eta, allocatedQuantity, storedLines);
    }

    /**
     * The batch's identity.
     *
     * @return the reference
     */
    public String reference() {
        return reference;
    }

    /**
     * The stock-keeping unit of the product the batch holds.
     *
     * @return the sku
     */
    public String sku() {
        return sku;
    }

    /**
     * When the shipment arrives.
     *
     * @return the estimated arrival date, or empty for stock already in the warehouse
     */
    public Optional<LocalDate> eta() {
        return Optional.ofNullable(eta);
    }

    /**
     * How many units were purchased.
     *
     * @return the purchased quantity, at least 0
     */
    public int purchasedQuantity() {
        return purchasedQuantity;
    }

    /**
     * How many units the allocated lines take.
     *
     * @return the allocated quantity, never above the purchased quantity
     */
    public int allocatedQuantity() {
        return allocatedQuantity;
    }

    /**
     * How many units are still free.
     *
     * @return the purchased quantity minus the allocated quantity
     */
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

    /**
     * Whether the batch holds the line.
     *
     * @param line the line to look for
     * @return {@code true} when the line is allocated to this batch
     */
    public boolean isAllocated(OrderLine line) {
        readStoredLines();
        return allocations.contains(line);
    }

    /**
     * The lines the batch holds.
     *
     * @return an unmodifiable copy, oldest allocation first
     */
    public List<OrderLine> allocations() {
        readStoredLines();
        return List.copyOf(allocations);
    }

    /** The lines in memory, without reading storage: for a batch with stored lines, those added since. */
    List<OrderLine> linesInMemory() {
        return List.copyOf(allocations);
    }

    /**
     * Allocates the line to this batch; allocating a line it already holds changes nothing.
     *
     * @return {@code true} when the batch changed
     * @throws IllegalArgumentException when the batch cannot take the line
     */
    boolean allocate(OrderLine line) {
        if (isAllocated(line)) {
            return false;
        }
        if (!canAllocate(line)) {
            throw new IllegalArgumentException("batch " + reference + " cannot take " + line);
        }
        add(line);
        return true;
    }

    /**
     * Allocates a line its product knows no batch holds, without reading stored lines.
     *
     * @throws IllegalArgumentException when the batch cannot take the line
     */
    void allocateUnheld(OrderLine line) {
        if (!canAllocate(line)) {
            throw new IllegalArgumentException("batch " + reference + " cannot take " + line);
        }
        add(line);
    }

    /**
     * Removes the line from this batch; removing a line it does not hold changes nothing.
     *
     * @return {@code true} when the batch changed
     */
    boolean deallocate(OrderLine line) {
        readStoredLines();
        if (!allocations.remove(line)) {
            return false;
        }
        allocatedQuantity -= line.quantity();
        return true;
    }

    /**
     * Sets the purchased quantity; when the allocated lines no longer fit, removes the most
     * recently allocated ones until they do.
     *
     * @return the removed lines, most recent first
     * @throws RuntimeException when the quantity is negative or the stored lines cannot be read;
     *                          the batch is then unchanged
     */
    List<OrderLine> changePurchasedQuantity(int quantity) {
        requireAtLeast(0, "quantity", quantity);
        if (quantity < allocatedQuantity) {
            readStoredLines();
        }
        purchasedQuantity = quantity;
        if (availableQuantity() >= 0) {
            return List.of();
        }
        List<OrderLine> newestFirst = new ArrayList<>(allocations);
        Collections.reverse(newestFirst);
        List<OrderLine> removed = new ArrayList<>();
        for (OrderLine line : newestFirst) {
            if (availableQuantity() >= 0) {
                break;
            }
            deallocate(line);
            removed.add(line);
        }
        return removed;
    }

    /**
     * Brings the stored lines into memory, older than any added since, and checks they add up.
     * Lines added since may already be in storage, once their unit of work committed them: each
     * line is held once.
     */
    private void readStoredLines() {
        if (storedLines == null) {
            return;
        }
        List<OrderLine> stored = storedLines.heldBy(reference);
        storedLines = null;
        List<OrderLine> addedSince = new ArrayList<>(allocations);
        allocations.clear();
        allocations.addAll(stored);
        allocations.addAll(addedSince);
        int total = allocations.stream().mapToInt(OrderLine::quantity).sum();
        if (total != allocatedQuantity) {
            throw new IllegalStateException("The stored lines of batch " + reference + " add up to " + total
                    + " units with those added since, but its allocated quantity is " + allocatedQuantity);
        }
    }

    private void add(OrderLine line) {
        allocations.add(line);
        allocatedQuantity += line.quantity();
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
