package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One product's place in an {@link InMemoryDatabase}: its last committed state, and the lines its
 * batches hold, indexed by line and by batch. A commit replaces the state and applies its events
 * to the lines, under this entry's lock; a unit of work reads lines under the same lock, and only
 * while the product is still at the version it read or last committed: lines committed by someone
 * else since would not add up to the totals it read.
 */
final class ProductEntry {

    private volatile StoredProduct committed;
    private final Map<OrderLine, String> batchByLine = new HashMap<>();
    private final Map<String, Set<OrderLine>> linesByBatch = new HashMap<>();

    ProductEntry(StoredProduct committed) {
        this.committed = committed;
    }

    /** The product as last committed; reading it takes no lock. */
    StoredProduct committed() {
        return committed;
    }

    /** Writes a committed change: the new state, and what its events did to the lines. */
    synchronized void commit(StoredProduct product, Iterable<DomainEvent> events) {
        for (DomainEvent event : events) {
            if (event instanceof Allocated allocated) {
                batchByLine.put(allocated.line(), allocated.batchReference());
                linesByBatch.computeIfAbsent(allocated.batchReference(), reference -> new LinkedHashSet<>())
                        .add(allocated.line());
            } else if (event instanceof Deallocated deallocated) {
                String batchReference = batchByLine.remove(deallocated.line());
                if (batchReference != null) {
                    linesByBatch.get(batchReference).remove(deallocated.line());
                }
            }
        }
        committed = product;
    }

    /** Where the line is held, as of {@code versionRead}. */
    synchronized Allocations allocationsOf(OrderLine line, long versionRead) {
        requireAt(versionRead, "looking up " + line);
        String holder = batchByLine.get(line);
        return holder == null ? Allocations.none() : new Allocations(Map.of(line, holder));
    }

    /** Every line of the batch, oldest first, as of {@code versionRead}. */
    synchronized Allocations allocationsIn(String batchReference, long versionRead) {
        requireAt(versionRead, "reading the lines of batch " + batchReference);
        Map<OrderLine, String> lines = new LinkedHashMap<>();
        linesByBatch.getOrDefault(batchReference, Set.of()).forEach(line -> lines.put(line, batchReference));
        return new Allocations(lines);
    }

    private void requireAt(long versionRead, String doing) {
        StoredProduct product = committed;
        if (product.version() != versionRead) {
            throw new ConcurrencyConflict(product.sku(), "Product " + product.sku() + " was read at version "
                    + versionRead + " and is at version " + product.version() + " while " + doing);
        }
    }
}
