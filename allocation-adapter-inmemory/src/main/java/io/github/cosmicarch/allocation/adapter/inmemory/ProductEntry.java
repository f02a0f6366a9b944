package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.LinesToRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One product's place in an {@link InMemoryDatabase}: its last committed state, and the lines its
 * batches hold, indexed by line, by batch and by order. A commit replaces the state and applies
 * the lines allocated and given back together, under this entry's lock (the database publishes a
 * new entry only after its first commit); a unit of work reads the lines under the same lock, and
 * only while the product is still at the version it read or last committed: lines committed by
 * someone else since would not add up to the totals it read.
 */
final class ProductEntry {

    private volatile StoredProduct committed;
    private final Map<OrderLine, String> batchByLine = new HashMap<>();
    private final Map<String, Set<OrderLine>> linesByBatch = new HashMap<>();
    private final Map<String, List<OrderLine>> linesByOrder = new HashMap<>();

    ProductEntry(StoredProduct committed) {
        this.committed = committed;
    }

    /** The product as last committed; reading it takes no lock. */
    StoredProduct committed() {
        return committed;
    }

    /**
     * Writes a committed change: the new state, the lines new batches were built holding, and the
     * lines its events allocated and gave back, in the order they happened.
     *
     * @return for each order that gave a line back, the batches that still hold one of its lines
     */
    synchronized Map<String, Set<String>> commit(StoredProduct product, Map<String, List<OrderLine>> linesBuiltIn,
                                                 List<DomainEvent> newEvents) {
        linesBuiltIn.forEach((batchReference, lines) -> lines.forEach(line -> add(line, batchReference)));
        Set<String> ordersGivingBack = new HashSet<>();
        for (DomainEvent event : newEvents) {
            if (event instanceof Allocated allocated) {
                add(allocated.line(), allocated.batchReference());
            } else if (event instanceof Deallocated deallocated) {
                remove(deallocated.line());
                ordersGivingBack.add(deallocated.orderId());
            }
        }
        committed = product;
        Map<String, Set<String>> stillHoldingByOrder = new HashMap<>();
        ordersGivingBack.forEach(orderId -> stillHoldingByOrder.put(orderId, batchesHoldingOrder(orderId)));
        return stillHoldingByOrder;
    }

    /**
     * The lines asked for, as of {@code versionRead}.
     *
     * @param batches the batches of the product at that version: storage is not asked about others
     */
    synchronized StoredLines read(LinesToRead lines, long versionRead, Set<String> batches) {
        requireAt(versionRead, lines);
        Map<OrderLine, String> held = new HashMap<>();
        Set<OrderLine> notHeld = new HashSet<>();
        for (OrderLine line : lines.whereHeld()) {
            String holder = batchByLine.get(line);
            if (holder == null) {
                notHeld.add(line);
            } else {
                held.put(line, holder);
            }
        }
        Map<String, List<OrderLine>> byBatch = new HashMap<>();
        for (String reference : lines.everyLine() ? batches : lines.ofBatches()) {
            if (batches.contains(reference)) {
                byBatch.put(reference, List.copyOf(linesByBatch.getOrDefault(reference, Set.of())));
            }
        }
        return new StoredLines(held, notHeld, byBatch);
    }

    private void requireAt(long versionRead, LinesToRead lines) {
        StoredProduct product = committed;
        if (product.version() != versionRead) {
            throw new ConcurrencyConflict(product.sku(), "Product " + product.sku() + " was read at version "
                    + versionRead + " and is at version " + product.version() + " while reading " + lines);
        }
    }

    private void add(OrderLine line, String batchReference) {
        batchByLine.put(line, batchReference);
        linesByBatch.computeIfAbsent(batchReference, reference -> new LinkedHashSet<>()).add(line);
        linesByOrder.computeIfAbsent(line.orderId(), order -> new ArrayList<>(1)).add(line);
    }

    private void remove(OrderLine line) {
        String batchReference = batchByLine.remove(line);
        if (batchReference == null) {
            return;
        }
        linesByBatch.get(batchReference).remove(line);
        List<OrderLine> ofOrder = linesByOrder.get(line.orderId());
        ofOrder.remove(line);
        if (ofOrder.isEmpty()) {
            linesByOrder.remove(line.orderId());
        }
    }

    private Set<String> batchesHoldingOrder(String orderId) {
        Set<String> batches = new LinkedHashSet<>();
        linesByOrder.getOrDefault(orderId, List.of()).forEach(line -> batches.add(batchByLine.get(line)));
        return batches;
    }
}
