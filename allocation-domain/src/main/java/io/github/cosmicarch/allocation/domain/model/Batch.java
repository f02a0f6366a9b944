package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.Arguments.requireAtLeast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
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
 * <p>The allocated quantity is kept up to date on every change rather than summed when asked, so
 * reading it costs the same however many lines the batch holds. A batch restored
 * {@linkplain #withLinesInStorage with its lines left in storage} knows its total but not its
 * lines, until its product is {@linkplain Product#learn given them}: {@link #allocations()} says
 * so rather than guess, and nothing here ever reads storage.
 */
public final class Batch {

    private final String reference;
    private final String sku;
    private final LocalDate eta;
    private int purchasedQuantity;
    private int allocatedQuantity;
    /** The lines known to be held, oldest allocation first: every line when {@link #linesKnown}. */
    private final List<OrderLine> lines = new ArrayList<>();
    private boolean linesKnown;

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
        this(reference, sku, purchasedQuantity, eta, List.of());
    }

    /**
     * Restores a batch with every line it holds, for instance when an adapter reads it back from
     * storage whole.
     *
     * @param reference         the batch's identity: see {@link Identifiers}
     * @param sku               the stock-keeping unit of its product: see {@link Identifiers}
     * @param purchasedQuantity how many units were purchased, at least 0
     * @param eta               when the shipment arrives, or {@code null} for stock already in
     *                          the warehouse
     * @param allocations       the lines it holds, oldest allocation first
     * @throws IllegalArgumentException when a field is invalid, a line has another sku, a line
     *                                  appears twice, or the lines need more than was purchased
     */
    public Batch(String reference, String sku, int purchasedQuantity, LocalDate eta, List<OrderLine> allocations) {
        this.reference = Identifiers.require("reference", reference);
        this.sku = Identifiers.require("sku", sku);
        this.purchasedQuantity = requireAtLeast(0, "purchasedQuantity", purchasedQuantity);
        this.eta = eta;
        this.linesKnown = true;
        Set<OrderLine> seen = allocations.isEmpty() ? Set.of() : new HashSet<>();
        for (OrderLine line : allocations) {
            if (!canAllocate(line) || !seen.add(line)) {
                throw new IllegalArgumentException("batch " + reference + " of " + sku + ", with "
                        + availableQuantity() + " available, cannot hold " + line);
            }
            add(line);
        }
    }

    private Batch(String reference, String sku, int purchasedQuantity, LocalDate eta, int allocatedQuantity) {
        this(reference, sku, purchasedQuantity, eta, List.of());
        if (allocatedQuantity < 0 || allocatedQuantity > purchasedQuantity) {
            throw new IllegalArgumentException("allocatedQuantity must be between 0 and purchasedQuantity ("
                    + purchasedQuantity + "), but was " + allocatedQuantity);
        }
        this.allocatedQuantity = allocatedQuantity;
        this.linesKnown = false;
    }

    /**
     * Restores a batch whose lines stay in storage: it knows their total, and its product is
     * given the lines a decision needs ({@link Product#learn}).
     *
     * @param reference         the batch's identity: see {@link Identifiers}
     * @param sku               the stock-keeping unit of its product: see {@link Identifiers}
     * @param purchasedQuantity how many units were purchased, at least 0
     * @param eta               when the shipment arrives, or {@code null} for warehouse stock
     * @param allocatedQuantity the total of the lines it holds in storage
     * @return the batch
     * @throws IllegalArgumentException when a field is invalid or the total exceeds the purchase
     */
    public static Batch withLinesInStorage(String reference, String sku, int purchasedQuantity, LocalDate eta,
                                           int allocatedQuantity) {
        return new Batch(reference, sku, purchasedQuantity, eta, allocatedQuantity);
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
     * The lines the batch holds, when it knows them all: it was created here, restored with its
     * lines, or its product was given them.
     *
     * @return an unmodifiable copy, oldest allocation first; empty for a batch whose lines are
     *         still in storage
     */
    public Optional<List<OrderLine>> allocations() {
        return linesKnown ? Optional.of(List.copyOf(lines)) : Optional.empty();
    }

    boolean linesKnown() {
        return linesKnown;
    }

    /** The lines known to be held; all of them when {@link #linesKnown()}. */
    Collection<OrderLine> knownLines() {
        return Collections.unmodifiableList(lines);
    }

    /**
     * Allocates a line its product knows no batch holds.
     *
     * @throws IllegalArgumentException when the batch cannot take the line
     */
    void allocate(OrderLine line) {
        if (!canAllocate(line)) {
            throw new IllegalArgumentException("batch " + reference + " cannot take " + line);
        }
        add(line);
    }

    /**
     * Takes every line storage says the batch holds, as of the total it was restored with:
     * those stored first, then those allocated here since.
     *
     * @throws IllegalArgumentException when the lines do not add up to the allocated quantity;
     *                                  the batch is then unchanged
     */
    void knowAllLines(List<OrderLine> stored) {
        Set<OrderLine> all = new LinkedHashSet<>(stored);
        all.addAll(lines);
        int total = all.stream().mapToInt(OrderLine::quantity).sum();
        if (total != allocatedQuantity) {
            throw new IllegalArgumentException("The stored lines of batch " + reference + " add up to " + total
                    + " units with those allocated since, but its allocated quantity is " + allocatedQuantity);
        }
        lines.clear();
        lines.addAll(all);
        linesKnown = true;
    }

    /**
     * Sets the purchased quantity; when the allocated lines no longer fit, removes the most
     * recently allocated ones until they do.
     *
     * @return the removed lines, most recent first
     * @throws IllegalStateException when lines must go but the batch does not know them; the
     *                               batch is then unchanged
     */
    List<OrderLine> changePurchasedQuantity(int quantity) {
        requireAtLeast(0, "quantity", quantity);
        if (quantity < allocatedQuantity && !linesKnown) {
            throw new IllegalStateException("Batch " + reference + " must give lines back to shrink to " + quantity
                    + ", but was read without them: read its product with the lines of the batch");
        }
        purchasedQuantity = quantity;
        List<OrderLine> removed = new ArrayList<>();
        while (availableQuantity() < 0) {
            OrderLine newest = lines.remove(lines.size() - 1);
            allocatedQuantity -= newest.quantity();
            removed.add(newest);
        }
        return removed;
    }

    private void add(OrderLine line) {
        lines.add(line);
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
