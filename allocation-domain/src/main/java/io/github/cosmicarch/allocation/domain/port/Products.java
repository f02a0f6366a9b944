package io.github.cosmicarch.allocation.domain.port;

import io.github.cosmicarch.allocation.domain.model.Product;
import java.util.Collection;
import java.util.Optional;

/**
 * The repository of {@link Product} aggregates, as seen from inside one unit of work.
 *
 * <p>A product comes with the lines the caller asks for ({@link LinesToRead}), read at the
 * version the product was read, and given to it as values: the product never reads storage, and
 * none of its methods throws a storage failure. Reading happens here, in the repository, which
 * throws {@link ConcurrencyConflict} when the product moved in storage since this unit of work
 * read it. Without a {@code LinesToRead}, a product comes whole, every line in memory.
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
     * Finds the product with the given sku, whole: with every line of every batch.
     *
     * @param sku the stock-keeping unit
     * @return the product, or empty when there is none
     */
    default Optional<Product> get(String sku) {
        return get(sku, LinesToRead.all());
    }

    /**
     * Finds the product with the given sku, with the lines asked for. A product this unit of work
     * already holds is the same instance, given the lines it did not know yet.
     *
     * @param sku   the stock-keeping unit
     * @param lines which of its lines to read with it
     * @return the product, or empty when there is none
     * @throws ConcurrencyConflict when lines must be read and another unit of work changed the
     *                             product since this one read it
     */
    Optional<Product> get(String sku, LinesToRead lines);

    /**
     * Finds the product that has a batch with the given reference, whole.
     *
     * @param batchReference the batch reference
     * @return the product, or empty when no product has that batch
     */
    default Optional<Product> getByBatchReference(String batchReference) {
        return getByBatchReference(batchReference, LinesToRead.all());
    }

    /**
     * Finds the product that has a batch with the given reference, with the lines asked for.
     *
     * @param batchReference the batch reference
     * @param lines          which of its lines to read with it
     * @return the product, or empty when no product has that batch
     * @throws ConcurrencyConflict when lines must be read and another unit of work changed the
     *                             product since this one read it
     */
    Optional<Product> getByBatchReference(String batchReference, LinesToRead lines);

    /**
     * The products this repository has handed out or been given, each once.
     *
     * @return the products seen so far, in the order they were first seen
     */
    Collection<Product> seen();
}
