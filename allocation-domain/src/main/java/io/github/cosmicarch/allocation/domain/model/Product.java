package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.Arguments.requireAtLeast;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The aggregate: one product, identified by its sku, with all its batches. Every change to stock
 * goes through it, so it alone keeps the rules (a batch never holds more than was purchased, a
 * line is held by one batch at most), counts its changes in a version number for optimistic
 * concurrency, and records what happened as {@link DomainEvent}s until they are collected.
 *
 * <p>Allocation prefers stock in the warehouse to shipments, then the earliest shipment; among
 * batches with the same eta, the one added first. The batches are kept in that order as they are
 * added, and each batch keeps its allocated total, so one allocation examines batches only until
 * one has room, whatever number of lines is already allocated.
 *
 * <p>The product holds its batches and the lines it moved itself; a decision that needs lines
 * allocated before it was read is given them as {@link Allocations}, which the repository reads
 * for that decision. A product created in memory needs nothing more: the methods without
 * {@code Allocations} are for it.
 *
 * <p>Not safe for concurrent use: each unit of work loads its own copy.
 */
public final class Product {

    /** Warehouse stock first, then the earliest eta. Stable insertion keeps the earlier-added batch first. */
    private static final Comparator<Batch> PREFERENCE =
            Comparator.comparing((Batch batch) -> batch.eta().orElse(null), nullsFirst(naturalOrder()));

    private final String sku;
    private long version;
    private final List<Batch> batchesInPreferenceOrder;
    private final Map<String, Batch> batchesByReference;
    private final LinesMoved moved = new LinesMoved();
    /** The units its batches held when it was restored: allocated by lines it does not hold. */
    private final int unitsRestored;
    private final List<DomainEvent> events = new ArrayList<>();

    /**
     * Creates a product with no batch, at version 0.
     *
     * @param sku the stock-keeping unit: see {@link Identifiers}
     * @throws InvalidIdentifier when the sku is not a valid identifier
     */
    public Product(String sku) {
        this(sku, List.of(), 0);
    }

    /**
     * Restores a product, for instance when an adapter reads it back from storage. Restoring is
     * not a change: it records no event and keeps the version given.
     *
     * @param sku     the stock-keeping unit: see {@link Identifiers}
     * @param batches its batches, either in the order they were added or in the order
     *                {@link #batches()} lists them: both keep ties in order
     * @param version the version number stored with it, at least 0
     * @throws IllegalArgumentException when the sku is invalid or the version negative
     * @throws SkuMismatch              when a batch has another sku
     * @throws DuplicateBatch           when two batches have the same reference
     */
    public Product(String sku, List<Batch> batches, long version) {
        this.sku = Identifiers.require("sku", sku);
        if (version < 0) {
            throw new IllegalArgumentException("version must be at least 0, but was " + version);
        }
        batchesInPreferenceOrder = new ArrayList<>(Math.max(10, batches.size()));
        batchesByReference = new HashMap<>(Math.max(16, batches.size() * 4 / 3 + 1));
        batches.forEach(this::place);
        this.version = version;
        this.unitsRestored = batches.stream().mapToInt(Batch::allocatedQuantity).sum();
    }

    /** {@return the stock-keeping unit: the product's identity} */
    public String sku() {
        return sku;
    }

    /**
     * The number of changes made to the product since it was created; a unit of work compares it
     * on commit to detect a concurrent change.
     *
     * @return the version number
     */
    public long version() {
        return version;
    }

    /** {@return the batches, in the order allocation prefers them, as an unmodifiable view} */
    public List<Batch> batches() {
        return Collections.unmodifiableList(batchesInPreferenceOrder);
    }

    /**
     * Finds a batch by its reference.
     *
     * @param reference the batch reference
     * @return the batch, or empty when the product has none with that reference
     */
    public Optional<Batch> batch(String reference) {
        return Optional.ofNullable(batchesByReference.get(reference));
    }

    /**
     * Adds a new batch of this product's sku, which holds nothing yet.
     *
     * @param batch the new batch
     * @throws SkuMismatch              when the batch has another sku; the product is unchanged
     * @throws DuplicateBatch           when the product has a batch with the same reference; the
     *                                  product is unchanged
     * @throws IllegalArgumentException when the batch holds allocated units; the product is
     *                                  unchanged
     */
    public void addBatch(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.allocatedQuantity() > 0) {
            throw new IllegalArgumentException("A new batch holds nothing, but batch " + batch.reference() + " holds "
                    + batch.allocatedQuantity() + " units");
        }
        place(batch);
        version++;
    }

    /**
     * Allocates the line as {@link #allocate(OrderLine, Allocations)} does, for a product with no
     * allocation stored outside it, such as one created in memory.
     *
     * @param line the line to allocate
     * @return the reference of the batch that holds the line, or empty when out of stock
     * @throws IllegalStateException when the product was restored holding units: whether it holds
     *                               the line is a fact to pass in; the product is unchanged
     */
    public Optional<String> allocate(OrderLine line) {
        if (unitsRestored > 0) {
            throw new IllegalStateException("Product " + sku + " was restored holding " + unitsRestored
                    + " units: allocate with the allocations stored of the line (Products.allocationsOf)");
        }
        return allocate(line, Allocations.none());
    }

    /**
     * Allocates the line to the first batch that can take it, in order of preference.
     *
     * <p>On success it records {@link Allocated} and bumps the version. When no batch has room it
     * records {@link OutOfStock} and changes nothing else. When the product already holds this
     * very line, it answers the batch holding it and records nothing.
     *
     * @param line   the line to allocate
     * @param stored where storage holds the line, as read with the product
     * @return the reference of the batch that holds the line, or empty when out of stock
     * @throws SkuMismatch              when the line is for another sku
     * @throws IllegalArgumentException when {@code stored} names a batch the product does not have
     */
    public Optional<String> allocate(OrderLine line, Allocations stored) {
        requireOwnSku(() -> "order line of " + line.orderId(), line.sku());
        Optional<Batch> holding = moved.batchHolding(line, stored, reference -> storedBatch(reference, line));
        if (holding.isPresent()) {
            return Optional.of(holding.get().reference());
        }
        for (Batch batch : batchesInPreferenceOrder) {
            if (batch.canAllocate(line)) {
                batch.allocate(line);
                moved.allocated(line, batch);
                version++;
                events.add(new Allocated(line, batch.reference()));
                return Optional.of(batch.reference());
            }
        }
        events.add(new OutOfStock(sku));
        return Optional.empty();
    }

    /**
     * Changes a batch's quantity as {@link #changeBatchQuantity(String, int, Allocations)} does,
     * for a product with no allocation stored outside it, such as one created in memory.
     *
     * @param reference the batch reference
     * @param quantity  the new purchased quantity, at least 0
     */
    public void changeBatchQuantity(String reference, int quantity) {
        changeBatchQuantity(reference, quantity, Allocations.none());
    }

    /**
     * Changes how many units a batch was purchased with. When the batch's lines no longer fit, the
     * most recently allocated lines are removed until they do, and a {@link Deallocated} is
     * recorded for each, most recent first, so that they can be allocated again. Setting the
     * quantity the batch already has changes nothing.
     *
     * @param reference the batch reference
     * @param quantity  the new purchased quantity, at least 0
     * @param stored    every line storage holds in the batch, as read with the product
     * @throws IllegalArgumentException when the quantity is negative, or when lines must be given
     *                                  back and those stored and allocated here since do not add
     *                                  up to the batch's allocated quantity; the product is
     *                                  unchanged
     * @throws UnknownBatch             when the product has no batch with that reference; the
     *                                  product is unchanged
     */
    public void changeBatchQuantity(String reference, int quantity, Allocations stored) {
        requireAtLeast(0, "quantity", quantity);
        Batch batch = batch(reference).orElseThrow(() -> new UnknownBatch(reference));
        if (batch.purchasedQuantity() == quantity) {
            return;
        }
        if (quantity < batch.allocatedQuantity()) {
            List<OrderLine> lines = moved.linesIn(batch, stored);
            while (batch.allocatedQuantity() > quantity) {
                OrderLine newest = lines.remove(lines.size() - 1);
                batch.deallocate(newest);
                moved.deallocated(newest);
                events.add(new Deallocated(newest));
            }
        }
        batch.changePurchasedQuantity(quantity);
        version++;
    }

    /**
     * Hands over the events recorded since the last call and forgets them, so that each event is
     * collected once.
     *
     * @return the events in the order they happened
     */
    public List<DomainEvent> collectEvents() {
        List<DomainEvent> collected = List.copyOf(events);
        events.clear();
        return collected;
    }

    private Batch storedBatch(String reference, OrderLine line) {
        Batch batch = batchesByReference.get(reference);
        if (batch == null) {
            throw new IllegalArgumentException("Batch " + reference + " is said to hold " + line
                    + ", but product " + sku + " has no such batch");
        }
        return batch;
    }

    /** Places a batch among the others; restoring a product places each, so nothing here costs more than a lookup. */
    private void place(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        requireOwnSku(() -> "batch " + batch.reference(), batch.sku());
        if (batchesByReference.putIfAbsent(batch.reference(), batch) != null) {
            throw new DuplicateBatch(batch.reference());
        }
        batchesInPreferenceOrder.add(positionFor(batch), batch);
    }

    /** After every batch preferred over or equal to the new one: ties go to the batch added first. */
    private int positionFor(Batch batch) {
        int position = batchesInPreferenceOrder.size();
        while (position > 0 && PREFERENCE.compare(batchesInPreferenceOrder.get(position - 1), batch) > 0) {
            position--;
        }
        return position;
    }

    private void requireOwnSku(Supplier<String> what, String otherSku) {
        if (!sku.equals(otherSku)) {
            throw new SkuMismatch(what.get(), otherSku, sku);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Product product && sku.equals(product.sku);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sku);
    }

    @Override
    public String toString() {
        return "Product[" + sku + ", version " + version + ", " + batchesInPreferenceOrder.size() + " batches]";
    }
}
