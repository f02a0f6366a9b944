package io.github.cosmicarch.allocation.domain.port;

import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A base for {@link Products} adapters that keeps the list of products seen and hands each the
 * lines asked for, so an adapter only says how to store, load and read lines. A product asked for
 * twice is the same instance both times, so that changes made through either are one change.
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
    public final Optional<Product> get(String sku, LinesToRead lines) {
        Objects.requireNonNull(lines, "lines");
        Product product = seen.get(sku);
        if (product == null) {
            Optional<Product> loaded = load(sku);
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            product = loaded.get();
            seen.put(sku, product);
        }
        if (!lines.isNone() && !product.knowsEveryLine()) {
            product.learn(read(product, lines));
        }
        return Optional.of(product);
    }

    @Override
    public final Optional<Product> getByBatchReference(String batchReference, LinesToRead lines) {
        for (Product known : seen.values()) {
            if (known.batch(batchReference).isPresent()) {
                return get(known.sku(), lines);
            }
        }
        return skuOfBatch(batchReference).flatMap(sku -> get(sku, lines));
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
     * Loads a product that this view has not handed out yet, with its batches' lines left in
     * storage ({@link io.github.cosmicarch.allocation.domain.model.Batch#withLinesInStorage}).
     *
     * @param sku the stock-keeping unit
     * @return the product, or empty when there is none
     */
    protected abstract Optional<Product> load(String sku);

    /**
     * Finds which product has a batch with the given reference.
     *
     * @param batchReference the batch reference
     * @return the product's sku, or empty when no product has that batch
     */
    protected abstract Optional<String> skuOfBatch(String batchReference);

    /**
     * Reads lines of a product this view handed out, as storage holds them at the version this
     * unit of work last read or stored of it.
     *
     * @param product the product
     * @param lines   which lines to read
     * @return what storage holds
     * @throws ConcurrencyConflict when the product moved in storage since
     */
    protected abstract StoredLines read(Product product, LinesToRead lines);
}
