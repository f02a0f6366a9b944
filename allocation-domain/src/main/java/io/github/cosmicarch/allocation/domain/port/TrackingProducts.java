package io.github.cosmicarch.allocation.domain.port;

import io.github.cosmicarch.allocation.domain.model.Product;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A base for {@link Products} adapters that keeps the list of products seen, so an adapter only
 * says how to store and load. A product asked for twice is the same instance both times, so that
 * changes made through either are one change.
 */
public abstract class TrackingProducts implements Products {

    private final Map<String, Product> seen = new LinkedHashMap<>();

    /** Creates an empty repository view. */
    protected TrackingProducts() {}

    @Override
    public final void add(Product product) {
        Objects.requireNonNull(product, "product");
        store(product);
        seen.put(product.sku(), product);
    }

    @Override
    public final Optional<Product> get(String sku) {
        Product known = seen.get(sku);
        if (known != null) {
            return Optional.of(known);
        }
        return load(sku).map(this::remember);
    }

    @Override
    public final Optional<Product> getByBatchReference(String batchReference) {
        for (Product known : seen.values()) {
            if (known.batch(batchReference).isPresent()) {
                return Optional.of(known);
            }
        }
        return loadByBatchReference(batchReference).map(this::remember);
    }

    @Override
    public final Collection<Product> seen() {
        return Collections.unmodifiableCollection(seen.values());
    }

    /**
     * Stores a new product so that it is written when the unit of work commits.
     *
     * @param product the new product
     */
    protected abstract void store(Product product);

    /**
     * Loads a product that this view has not handed out yet.
     *
     * @param sku the stock-keeping unit
     * @return the product, or empty when there is none
     */
    protected abstract Optional<Product> load(String sku);

    /**
     * Loads the product that has a batch with the given reference, when this view has not handed
     * it out yet.
     *
     * @param batchReference the batch reference
     * @return the product, or empty when no product has that batch
     */
    protected abstract Optional<Product> loadByBatchReference(String batchReference);

    private Product remember(Product product) {
        return seen.computeIfAbsent(product.sku(), sku -> product);
    }
}
