package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.Products;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * The products of one unit of work: copies restored from the database without their lines, each
 * with the version it was read or last committed at. A sku is one instance within the unit of work.
 */
final class InMemoryProducts implements Products {

    private final InMemoryDatabase database;
    private final Map<String, Product> seen = new LinkedHashMap<>();
    /** The version each stored product was read or last committed at; absent for a product created here. */
    private final Map<String, Long> versionsRead = new HashMap<>();
    /** The units each stored product's batches held when it was read or last committed. */
    private final Map<String, Integer> unitsRead = new HashMap<>();

    InMemoryProducts(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public void add(Product product) {
        Objects.requireNonNull(product, "product");
        versionsRead.remove(product.sku());
        unitsRead.remove(product.sku());
        seen.put(product.sku(), product);
    }

    @Override
    public Optional<Product> get(String sku) {
        Product known = seen.get(sku);
        if (known != null) {
            return Optional.of(known);
        }
        return database.read(sku).map(entry -> {
            StoredProduct stored = entry.committed();
            Product product = stored.restore();
            versionsRead.put(sku, stored.version());
            unitsRead.put(sku, stored.units());
            seen.put(sku, product);
            return product;
        });
    }

    @Override
    public Optional<Product> getByBatchReference(String batchReference) {
        for (Product known : seen.values()) {
            if (known.batch(batchReference).isPresent()) {
                return Optional.of(known);
            }
        }
        return database.readByBatchReference(batchReference).flatMap(entry -> get(entry.committed().sku()));
    }

    @Override
    public Allocations allocationsOf(OrderLine line) {
        return read(line.sku(), (entry, version) -> entry.allocationsOf(line, version));
    }

    @Override
    public Allocations allocationsIn(String batchReference) {
        String sku = seen.values().stream().filter(product -> product.batch(batchReference).isPresent())
                .map(Product::sku).findFirst()
                .orElseThrow(() -> new IllegalStateException("No product read in this unit of work has batch "
                        + batchReference + ": read it first"));
        return read(sku, (entry, version) -> entry.allocationsIn(batchReference, version));
    }

    /** Reads lines of a product at the version this unit of work last saw; a product created here has none stored. */
    private Allocations read(String sku, BiFunction<ProductEntry, Long, Allocations> lines) {
        if (!seen.containsKey(sku)) {
            throw new IllegalStateException("Product " + sku + " was not read in this unit of work: read it first");
        }
        Long version = versionsRead.get(sku);
        if (version == null) {
            return Allocations.none();
        }
        ProductEntry entry = database.read(sku).orElseThrow(() -> new ConcurrencyConflict(sku,
                "Product " + sku + " is not in storage as this unit of work knows it"));
        return lines.apply(entry, version);
    }

    Collection<Product> seen() {
        return seen.values();
    }

    /** Whether the product was created here, or changed since it was read or last committed. */
    boolean changed(Product product) {
        return !Long.valueOf(product.version()).equals(versionsRead.get(product.sku()));
    }

    int unitsRead(Product product) {
        return unitsRead.getOrDefault(product.sku(), 0);
    }

    OptionalLong versionRead(Product product) {
        Long version = versionsRead.get(product.sku());
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** After a commit, the versions written are the new base. */
    void committed(Iterable<Change> changes) {
        changes.forEach(change -> {
            versionsRead.put(change.product().sku(), change.product().version());
            unitsRead.put(change.product().sku(), change.product().units());
        });
    }
}
