package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.adapter.jpa.Written.Quantities;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this process last read or committed of each product, at the version stored: its batches
 * and their quantities, never their lines. A unit of work that finds a product at the version it
 * kept builds the product from here, so that allocating on a product of a thousand batches reads
 * one row, as on a product of one; any other version, or another incarnation of the sku, and it
 * reads the batches again. A product's state at a version never changes (each commit moves the
 * version, and only the commit that moved it wrote it), so what is kept is never stale, only
 * missing.
 *
 * <p>Bounded by the number of products and batches kept: the products used least recently go
 * first. Safe for
 * concurrent use; the lock is held only to look up or to put one product.
 */
final class ProductSnapshots {

    /** How much is kept by default: products and their batches, each counting one; a few megabytes. */
    static final int DEFAULT_CAPACITY = 100_000;

    /** One batch as stored, without its lines. */
    record StoredBatch(String reference, int purchased, LocalDate eta, int allocated) {}

    /**
     * A product as stored at one version.
     *
     * @param incarnation the random number its row got when it was inserted
     * @param version     the version
     * @param batches     its batches, in the order the product prefers them
     * @param quantities  each batch's quantities, by reference
     */
    record Snapshot(long incarnation, long version, List<StoredBatch> batches, Map<String, Quantities> quantities) {

        static Snapshot of(Product product, long incarnation) {
            Builder snapshot = new Builder(incarnation, product.version(), product.batches().size());
            product.batches().forEach(batch -> snapshot.add(batch, null));
            return snapshot.build();
        }

        /** Builds a snapshot batch by batch, in the order the product prefers them. */
        static final class Builder {

            private final long incarnation;
            private final long version;
            private final List<StoredBatch> batches;
            private final Map<String, Quantities> quantities;

            Builder(long incarnation, long version, int batchCount) {
                this.incarnation = incarnation;
                this.version = version;
                this.batches = new ArrayList<>(batchCount);
                this.quantities = new HashMap<>(Math.max(16, batchCount * 4 / 3 + 1));
            }

            /**
             * Adds the next batch.
             *
             * @param stored the batch's quantities as stored before, or {@code null} for a new batch
             * @return {@code stored} itself when the quantities did not change, else the new ones
             */
            Quantities add(Batch batch, Quantities stored) {
                Quantities now = Quantities.of(batch);
                if (now.equals(stored)) {
                    now = stored;
                }
                batches.add(new StoredBatch(batch.reference(), now.purchased(), batch.eta().orElse(null), now.allocated()));
                quantities.put(batch.reference(), now);
                return now;
            }

            Snapshot build() {
                return new Snapshot(incarnation, version, Collections.unmodifiableList(batches),
                        Collections.unmodifiableMap(quantities));
            }
        }

        /** A new product as stored, its batches' lines left in storage. */
        Product restore(String sku) {
            return new Product(sku, batches.stream()
                    .map(batch -> new Batch(batch.reference(), sku, batch.purchased(), batch.eta(), batch.allocated()))
                    .toList(), version);
        }

        /** What a unit of work writes its changes against: the product as stored. */
        Written written() {
            return new Written(version, quantities, incarnation);
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Snapshot> bySku = new LinkedHashMap<>(16, 0.75f, true);
    private int kept;

    ProductSnapshots(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be at least 0, but was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The product as kept, when it is kept at this incarnation and version. */
    synchronized Optional<Snapshot> at(String sku, long incarnation, long version) {
        Snapshot kept = bySku.get(sku);
        return kept != null && kept.incarnation() == incarnation && kept.version() == version
                ? Optional.of(kept)
                : Optional.empty();
    }

    /** Keeps the product as stored now, in place of what was kept of it. */
    synchronized void keep(String sku, Snapshot snapshot) {
        if (weight(snapshot) > capacity) {
            forget(sku);
            return;
        }
        Snapshot before = bySku.put(sku, snapshot);
        kept += weight(snapshot) - (before == null ? 0 : weight(before));
        var eldest = bySku.entrySet().iterator();
        while (kept > capacity) {
            kept -= weight(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Whether anything is kept of the product, at any version. */
    synchronized boolean knows(String sku) {
        return bySku.containsKey(sku);
    }

    private static int weight(Snapshot snapshot) {
        return 1 + snapshot.batches().size();
    }

    /** Forgets the product: its next read reads it whole. */
    synchronized void forget(String sku) {
        Snapshot before = bySku.remove(sku);
        if (before != null) {
            kept -= weight(before);
        }
    }
}
