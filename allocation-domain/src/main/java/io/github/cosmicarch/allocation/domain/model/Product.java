package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.Arguments.requireAtLeast;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import java.util.ArrayList;
import java.util.Collection;
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
 * <p>A product restored with its batches' lines {@linkplain Batch#withLinesInStorage left in
 * storage} decides on what it is given: the unit of work reads the lines a decision needs (is
 * this line held? which lines does this batch hold?) at the version it read, and hands them over
 * as {@link StoredLines} values through {@link #learn}. The product never reads storage; a
 * decision that needs a fact it was not given is refused with an {@link IllegalStateException}
 * that names it, before anything changes.
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
    /** Lines known to be held, with their batch. */
    private final Map<OrderLine, Batch> batchHoldingLine = new HashMap<>();
    /** Lines known to be held by no batch: looked up in storage, or given back since. */
    private final Set<OrderLine> notHeld = new HashSet<>();
    /** How many batches do not know all their lines; none for a product held whole in memory. */
    private int batchesWithLinesInStorage;
    private final List<DomainEvent> events = new ArrayList<>();
    private final List<DomainEvent> history = new ArrayList<>();

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
     * not a change: it records no event and keeps the version given. Batches restored
     * {@linkplain Batch#withLinesInStorage without their lines} are told them through
     * {@link #learn}.
     *
     * @param sku     the stock-keeping unit: see {@link Identifiers}
     * @param batches its batches, either in the order they were added or in the order
     *                {@link #batches()} lists them: both keep ties in order
     * @param version the version number stored with it, at least 0
     * @throws IllegalArgumentException when the sku is invalid, the version negative or two
     *                                  batches hold the same line
     * @throws SkuMismatch              when a batch has another sku
     * @throws DuplicateBatch           when two batches have the same reference
     */
    public Product(String sku, List<Batch> batches, long version) {
        this.sku = Identifiers.require("sku", sku);
        if (version < 0) {
            throw new IllegalArgumentException("version must be at least 0, but was " + version);
        }
        // Sized for the batches given: a product of a thousand batches is restored for each unit of work.
        batchesInPreferenceOrder = new ArrayList<>(Math.max(10, batches.size()));
        batchesByReference = new HashMap<>(Math.max(16, batches.size() * 4 / 3 + 1));
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
        Batch holding = batchHoldingLine.get(line);
        if (holding != null) {
            return Optional.of(holding.reference());
        }
        if (batchesWithLinesInStorage > 0 && !notHeld.contains(line)) {
            throw new IllegalStateException("Product " + sku + " was read without knowing whether " + line
                    + " is held: read it with that line");
        }
        for (Batch batch : batchesInPreferenceOrder) {
            if (batch.canAllocate(line)) {
                batch.allocate(line);
                batchHoldingLine.put(line, batch);
                notHeld.remove(line);
                version++;
                record(new Allocated(line, batch.reference()));
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
     * @throws IllegalStateException    when lines must be given back but the product was not given
     *                                  the batch's lines; the product is unchanged
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
            notHeld.add(line);
            record(new Deallocated(line));
        }
        version++;
    }

    /**
     * Takes in what storage holds of the product's lines, read at the version the product was
     * read or last stored, so that later decisions can rest on it. What the product changed since
     * wins: a line it allocated or gave back keeps the state the product knows.
     *
     * @param stored the lines read
     * @throws IllegalArgumentException when storage names a batch the product does not have, or a
     *                                  batch's lines do not add up to its allocated quantity
     */
    public void learn(StoredLines stored) {
        stored.held().forEach((line, reference) -> {
            if (!notHeld.contains(line)) {
                batchHoldingLine.putIfAbsent(line, storedBatch(reference, line));
            }
        });
        notHeld.addAll(stored.notHeld());
        stored.batches().forEach((reference, lines) -> {
            Batch batch = storedBatch(reference, "lines");
            if (!batch.linesKnown()) {
                batch.knowAllLines(lines);
                batch.knownLines().forEach(line -> batchHoldingLine.put(line, batch));
                batchesWithLinesInStorage--;
            }
        });
    }

    /**
     * Whether every line the product holds is in memory: it was created here, restored whole, or
     * {@linkplain #learn given} the lines of every batch.
     *
     * @return {@code true} when no decision needs anything read from storage
     */
    public boolean knowsEveryLine() {
        return batchesWithLinesInStorage == 0;
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
     * @throws IllegalStateException     when the batch was restored without its lines
     */
    public List<OrderLine> linesNotAllocatedSince(String batchReference, int firstEvent) {
        Batch batch = batch(batchReference).orElseThrow(() -> new UnknownBatch(batchReference));
        Set<OrderLine> allocatedByEvents = new HashSet<>();
        for (DomainEvent event : history.subList(firstEvent, history.size())) {
            if (event instanceof Allocated allocated && allocated.batchReference().equals(batchReference)) {
                allocatedByEvents.add(allocated.line());
            } else if (event instanceof Deallocated deallocated) {
                allocatedByEvents.remove(deallocated.line());
            }
        }
        List<OrderLine> held = batch.allocations().orElseThrow(() -> new IllegalStateException(
                "Batch " + batchReference + " was restored without its lines, so it is not new to storage"));
        return held.stream().filter(line -> !allocatedByEvents.contains(line)).toList();
    }

    private void record(DomainEvent event) {
        events.add(event);
        history.add(event);
    }

    private Batch storedBatch(String reference, Object what) {
        Batch batch = batchesByReference.get(reference);
        if (batch == null) {
            throw new IllegalArgumentException("Storage says batch " + reference + " holds " + what
                    + ", but product " + sku + " has no such batch");
        }
        return batch;
    }

    private void place(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        requireOwnSku("batch " + batch.reference(), batch.sku());
        if (batchesByReference.containsKey(batch.reference())) {
            throw new DuplicateBatch(batch.reference());
        }
        Collection<OrderLine> lines = batch.knownLines();
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
        if (!batch.linesKnown()) {
            batchesWithLinesInStorage++;
        }
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
