package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.LinesToRead;
import io.github.cosmicarch.allocation.domain.port.TrackingProducts;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The products of one unit of work: copies restored from the database without their lines, and,
 * for each, the version and the batches it was read or last committed with, and how many of its
 * events are committed.
 */
final class InMemoryProducts extends TrackingProducts {

    private final InMemoryDatabase database;
    private final Map<String, Long> versionsRead = new HashMap<>();
    private final Map<String, Set<String>> batchesStored = new HashMap<>();
    private final Map<String, Integer> eventsCommitted = new HashMap<>();

    InMemoryProducts(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    protected void store(Product product) {
        versionsRead.remove(product.sku());
        batchesStored.remove(product.sku());
        eventsCommitted.remove(product.sku());
    }

    @Override
    protected Optional<Product> load(String sku) {
        return database.read(sku).map(this::restore);
    }

    @Override
    protected Optional<String> skuOfBatch(String batchReference) {
        return database.readByBatchReference(batchReference).map(entry -> entry.committed().sku());
    }

    /** Reads the lines under the entry's lock, while the product is at the version this unit of work last saw. */
    @Override
    protected StoredLines read(Product product, LinesToRead lines) {
        String sku = product.sku();
        Long version = versionsRead.get(sku);
        ProductEntry entry = database.read(sku).orElse(null);
        if (version == null || entry == null) {
            throw new ConcurrencyConflict(sku, "Product " + sku
                    + " is not in storage as this unit of work knows it, so its lines cannot be read");
        }
        return entry.read(lines, version, batchesStored.get(sku));
    }

    /** The products created, and those changed since they were read or last committed. */
    List<Change> changes() {
        return seen().stream()
                .filter(product -> !Long.valueOf(product.version()).equals(versionsRead.get(product.sku())))
                .map(product -> new Change(StoredProduct.of(product), versionRead(product), linesBuiltIn(product),
                        newEvents(product)))
                .toList();
    }

    /** After a commit, what was written is the new base: its version, its batches, its events. */
    void committed(List<Change> changes) {
        changes.forEach(change -> {
            String sku = change.product().sku();
            versionsRead.put(sku, change.product().version());
            batchesStored.put(sku, change.product().batchReferences());
            eventsCommitted.merge(sku, change.newEvents().size(), Integer::sum);
        });
    }

    private List<DomainEvent> newEvents(Product product) {
        List<DomainEvent> history = product.history();
        return List.copyOf(history.subList(eventsCommitted.getOrDefault(product.sku(), 0), history.size()));
    }

    private OptionalLong versionRead(Product product) {
        Long version = versionsRead.get(product.sku());
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** The lines each batch new to storage was built holding, as opposed to those its events allocated. */
    private Map<String, List<OrderLine>> linesBuiltIn(Product product) {
        Set<String> stored = batchesStored.getOrDefault(product.sku(), Set.of());
        int firstNewEvent = eventsCommitted.getOrDefault(product.sku(), 0);
        Map<String, List<OrderLine>> builtIn = new LinkedHashMap<>();
        for (Batch batch : product.batches()) {
            if (!stored.contains(batch.reference())) {
                List<OrderLine> lines = product.linesNotAllocatedSince(batch.reference(), firstNewEvent);
                if (!lines.isEmpty()) {
                    builtIn.put(batch.reference(), lines);
                }
            }
        }
        return builtIn;
    }

    private Product restore(ProductEntry entry) {
        StoredProduct stored = entry.committed();
        versionsRead.put(stored.sku(), stored.version());
        batchesStored.put(stored.sku(), stored.batchReferences());
        return stored.restore();
    }
}
