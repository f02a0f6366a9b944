package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.TrackingProducts;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

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

    /** Finds the product's sku, then gets it by sku: a product this unit of work holds is not read again. */
    @Override
    protected Optional<Product> loadByBatchReference(String batchReference) {
        return database.readByBatchReference(batchReference).flatMap(entry -> get(entry.committed().sku()));
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
        String sku = stored.sku();
        versionsRead.put(sku, stored.version());
        batchesStored.put(sku, stored.batchReferences());
        return stored.restore(new StoredLines() {
            @Override
            public Optional<String> batchHolding(OrderLine line) {
                Supplier<String> doing = () -> "looking up " + line;
                return entry.batchHolding(line, versionInStorage(sku, doing), doing);
            }

            @Override
            public List<OrderLine> heldBy(String batchReference) {
                Supplier<String> doing = () -> "reading the lines of batch " + batchReference;
                return entry.heldBy(batchReference, versionInStorage(sku, doing), doing);
            }
        });
    }

    /** The version this unit of work last read or committed of the product; none once it was replaced here. */
    private long versionInStorage(String sku, Supplier<String> doing) {
        Long version = versionsRead.get(sku);
        if (version == null) {
            throw new ConcurrencyConflict(sku, "Product " + sku + " was replaced in this unit of work while " + doing.get());
        }
        return version;
    }
}
