package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import io.github.cosmicarch.allocation.domain.port.TrackingProducts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The products of one unit of work: copies restored from the database without their lines, the
 * versions they were read or last committed at, and how many of their events are committed.
 */
final class InMemoryProducts extends TrackingProducts {

    private final InMemoryDatabase database;
    private final Map<String, Long> versionsRead = new HashMap<>();
    private final Map<String, Integer> eventsCommitted = new HashMap<>();

    InMemoryProducts(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    protected void store(Product product) {
        versionsRead.remove(product.sku());
        eventsCommitted.remove(product.sku());
    }

    @Override
    protected Optional<Product> load(String sku) {
        return database.read(sku).map(this::restore);
    }

    @Override
    protected Optional<Product> loadByBatchReference(String batchReference) {
        return database.readByBatchReference(batchReference).map(this::restore);
    }

    /** The products created, and those changed since they were read or last committed. */
    List<Change> changes() {
        return seen().stream()
                .filter(product -> !Long.valueOf(product.version()).equals(versionsRead.get(product.sku())))
                .map(product -> new Change(StoredProduct.of(product), versionRead(product), newEvents(product)))
                .toList();
    }

    /** After a commit, what was written is the new version read, and its events are committed. */
    void committed(List<Change> changes) {
        changes.forEach(change -> {
            String sku = change.product().sku();
            versionsRead.put(sku, change.product().version());
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

    private Product restore(ProductEntry entry) {
        StoredProduct stored = entry.committed();
        String sku = stored.sku();
        versionsRead.put(sku, stored.version());
        return stored.restore(new StoredLines() {
            @Override
            public Optional<String> batchHolding(OrderLine line) {
                return entry.batchHolding(line, versionsRead.get(sku), () -> "looking up " + line);
            }

            @Override
            public List<OrderLine> heldBy(String batchReference) {
                return entry.heldBy(batchReference, versionsRead.get(sku), () -> "reading the lines of batch " + batchReference);
            }
        });
    }
}
