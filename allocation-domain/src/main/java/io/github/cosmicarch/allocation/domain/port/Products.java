package io.github.cosmicarch.allocation.domain.port;

import io.github.cosmicarch.allocation.domain.model.Product;
import java.util.Collection;
import java.util.Optional;

/**
 * The repository of {@link Product} aggregates, as seen from inside one unit of work.
 *
 * <p>It remembers every product it hands out or is given, so that the unit of work can collect
 * their events after a change: see {@link #seen()}. {@link TrackingProducts} does that
 * remembering for adapters, which then only store and load.
 */
public interface Products {

    /**
     * Adds a new product; it is stored when the unit of work commits.
     *
     * @param product the new product
     */
    void add(Product product);

    /**
     * Finds the product with the given sku.
     *
     * @param sku the stock-keeping unit
     * @return the product, or empty when there is none
     */
    Optional<Product> get(String sku);

    /**
     * Finds the product that has a batch with the given reference.
     *
     * @param batchReference the batch reference
     * @return the product, or empty when no product has that batch
     */
    Optional<Product> getByBatchReference(String batchReference);

    /**
     * The products this repository has handed out or been given, each once.
     *
     * @return the products seen so far, in the order they were first seen
     */
    Collection<Product> seen();
}
