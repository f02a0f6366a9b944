package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.Arguments.requireAtLeast;
import static io.github.cosmicarch.allocation.domain.model.Arguments.requireNotBlank;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import io.github.cosmicarch.allocation.domain.event.Allocated;
import io.github.cosmicarch.allocation.domain.event.Deallocated;
import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.event.OutOfStock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * <p>A product restored {@linkplain #Product(String, List, long, StoredLines) with its lines left in
 * storage} asks storage only for the lines a decision needs.
 *
 * <p>Not safe for concurrent use: each unit of work loads its own copy.
 */
public final class Product {

    /** Warehouse stock first, then the earliest eta. Stable insertion keeps the earlier-added batch first. */
    private static final Comparator<Batch> PREFERENCE =
            Comparator.comparing((Batch batch) -> batch.eta().orElse(null), nullsFirst(naturalOrder()));

    private final String sku;
    private long version;
    private final List<Batch> batchesInPreferenceOrder = new ArrayList<>();
    private final Map<String, Batch> batchesByReference = new HashMap<>();
    private final Map<OrderLine, Batch> batchHoldingLine = new HashMap<>();
    private final List<DomainEvent> events = new ArrayList<>();
    private final List<DomainEvent> history = new ArrayList<>();
    /** Where the lines not in memory are; null when every line is in memory. */
    private final StoredLines storedLines;
    /** Lines given back since restored, which storage may still show as held. */
    private final Set<OrderLine> releasedLines = new HashSet<>();

    /**
     * Creates a product with no batch, at version 0.
     *
     * @param sku the stock-keeping unit, not blank
     * @throws IllegalArgumentException when the sku is null or blank
     */
    public Product(String sku) {
        this(sku, List.of(), 0);
    }

    /**
     * Restores a product, for instance when an adapter reads it back from storage. Restoring is
     * not a change: it records no event and keeps the version given.
     *
     * @param sku     the stock-keeping unit, not blank
     * @param batches its batches, with the lines they hold, either in the order they were added
     *                or in the order {@link #batches()} lists them: both keep ties in order
     * @param version the version number stored with it, at least 0
     * @throws IllegalArgumentException when the sku is blank, the version negative or two batches
     *                                  hold the same line
     * @throws SkuMismatch              when a batch has another sku
     * @throws DuplicateBatch           when two batches have the same reference
     */
    public Product(String sku, List<Batch> batches, long version) {
        this(sku, batches, version, Optional.empty());
    }

    /**
     * Restores a product whose lines stay in storage: its batches come from
     * {@link Batch#withStoredLines}, and it asks {@code storedLines} whether a line is already held
     * before allocating it. Restoring is not a change: it records no event and keeps the version.
     *
     * @param sku         the stock-keeping unit, not blank
     * @param batches     its batches, in the order they were added or in preference order
     * @param version     the version number stored with it, at least 0
     * @param storedLines where the product finds the lines it does not hold in memory
     * @throws IllegalArgumentException when the sku is blank or the version negative
     * @throws SkuMismatch              when a batch has another sku
     * @throws DuplicateBatch           when two batches have the same reference
     */
    public Product(String sku, List<Batch> batches, long version, StoredLines storedLines) {
        this(sku, batches, version, Optional.of(storedLines));
    }

    private Product(String sku, List<Batch> batches, long version, Optional<StoredLines> storedLines) {
        this.sku = requireNotBlank("sku", sku);
        this.storedLines = storedLines.orElse(null);
        if (version < 0) {
            throw new IllegalArgumentException("version must be at least 0, but was " + version);
        }
        batches.forEach(this::place);
        this.version = version;
    }

    /**
     * The product's identity.
     *
     * @return the stock-keeping unit
     */
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

    /**
     * The batches, in the order allocation prefers them.
     *
     * @return an unmodifiable view
     */
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
     * Adds a batch of this product's sku.
     *
     * @param batch the new batch
     * @throws SkuMismatch    when the batch has another sku; the product is unchanged
     * @throws DuplicateBatch when the product has a batch with the same reference; the product is
     *                        unchanged
     */
    public void addBatch(Batch batch) {
        place(batch);
        version++;
    }

    /**
     * Allocates the line to the first batch that can take it, in order of preference.
     *
     * <p>On success it records {@link Allocated} and bumps the version. When no batch has room it
     * records {@link OutOfStock} and changes nothing else. When the product already holds this
     * very line, it answers the batch holding it and records nothing.
     *
     * @param line the line to allocate
     * @return the reference of the batch that holds the line, or empty when out of stock
     * @throws SkuMismatch when the line is for another sku
     */
    public Optional<String> allocate(OrderLine line) {
        requireOwnSku("order line of " + line.orderId(), line.sku());
        Optional<Batch> holding = batchHolding(line);
        if (holding.isPresent()) {
            return holding.map(Batch::reference);
        }
        for (Batch batch : batchesInPreferenceOrder) {
            if (batch.canAllocate(line)) {
                batch.allocateUnheld(line);
                batchHoldingLine.put(line, batch);
                releasedLines.remove(line);
                version++;
                record(new Allocated(line.orderId(), sku, line.quantity(), batch.reference()));
                return Optional.of(batch.reference());
            }
        }
        record(new OutOfStock(sku));
        return Optional.empty();
    }

    /**
     * Changes how many units a batch was purchased with. When the batch's lines no longer fit, the
     * most recently allocated lines are removed until they do, and a {@link Deallocated} is
     * recorded for each, most recent first, so that they can be allocated again. Setting the
     * quantity the batch already has changes nothing.
     *
     * @param reference the batch reference
     * @param quantity  the new purchased quantity, at least 0
     * @throws IllegalArgumentException when the quantity is negative; the product is unchanged
     * @throws UnknownBatch             when the product has no batch with that reference; the
     *                                  product is unchanged
     */
    public void changeBatchQuantity(String reference, int quantity) {
        requireAtLeast(0, "quantity", quantity);
        Batch batch = batch(reference).orElseThrow(() -> new UnknownBatch(reference));
        if (batch.purchasedQuantity() == quantity) {
            return;
        }
        for (OrderLine line : batch.changePurchasedQuantity(quantity)) {
            batchHoldingLine.remove(line);
            releasedLines.add(line);
            record(new Deallocated(line.orderId(), sku, line.quantity()));
        }
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

    /**
     * Every event recorded since the product was created or restored, collected or not: what a
     * storage adapter writes when the unit of work commits. Reading it forgets nothing.
     *
     * @return the events in the order they happened
     */
    public List<DomainEvent> history() {
        return List.copyOf(history);
    }

    /**
     * The lines a batch holds that no event of the history, from {@code firstEvent} on, allocated
     * to it: the lines it was built holding, when it was restored or added with lines. A storage
     * adapter writing a batch new to storage writes these with it, then the lines of the events.
     *
     * @param batchReference the batch, which must hold its lines in memory (new to storage)
     * @param firstEvent     the index in {@link #history()} of the first event not yet written
     * @return the lines, oldest first
     * @throws UnknownBatch              when the product has no such batch
     * @throws IndexOutOfBoundsException when {@code firstEvent} is outside the history
     */
    public List<OrderLine> linesNotAllocatedSince(String batchReference, int firstEvent) {
        Batch batch = batch(batchReference).orElseThrow(() -> new UnknownBatch(batchReference));
        Set<OrderLine> allocatedByEvents = new HashSet<>();
        for (DomainEvent event : history.subList(firstEvent, history.size())) {
            if (event instanceof Allocated allocated && allocated.batchReference().equals(batchReference)) {
                allocatedByEvents.add(new OrderLine(allocated.orderId(), sku, allocated.quantity()));
            } else if (event instanceof Deallocated deallocated) {
                allocatedByEvents.remove(new OrderLine(deallocated.orderId(), sku, deallocated.quantity()));
            }
        }
        return batch.allocations().stream().filter(line -> !allocatedByEvents.contains(line)).toList();
    }

    private void record(DomainEvent event) {
        events.add(event);
        history.add(event);
    }

    /** The batch holding the line: known in memory, or else asked of storage unless given back since. */
    private Optional<Batch> batchHolding(OrderLine line) {
        Batch known = batchHoldingLine.get(line);
        if (known != null || storedLines == null || releasedLines.contains(line)) {
            return Optional.ofNullable(known);
        }
        return storedLines.batchHolding(line).map(reference -> batch(reference).orElseThrow(() ->
                new IllegalStateException("Storage says batch " + reference + " holds " + line
                        + ", but product " + sku + " has no such batch")));
    }

    private void place(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        requireOwnSku("batch " + batch.reference(), batch.sku());
        if (batchesByReference.containsKey(batch.reference())) {
            throw new DuplicateBatch(batch.reference());
        }
        List<OrderLine> lines = batch.linesInMemory();
        for (OrderLine line : lines) {
            Batch holding = batchHoldingLine.get(line);
            if (holding != null) {
                throw new IllegalArgumentException(
                        line + " is held by both batch " + holding.reference() + " and batch " + batch.reference());
            }
        }
        batchesInPreferenceOrder.add(positionFor(batch), batch);
        batchesByReference.put(batch.reference(), batch);
        lines.forEach(line -> batchHoldingLine.put(line, batch));
    }

    /** After every batch preferred over or equal to the new one: ties go to the batch added first. */
    private int positionFor(Batch batch) {
        int position = batchesInPreferenceOrder.size();
        while (position > 0 && PREFERENCE.compare(batchesInPreferenceOrder.get(position - 1), batch) > 0) {
            position--;
        }
        return position;
    }

    private void requireOwnSku(String what, String otherSku) {
        if (!sku.equals(otherSku)) {
            throw new SkuMismatch(what, otherSku, sku);
        }
    }

    /** Products are equal when their skus are. */
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
