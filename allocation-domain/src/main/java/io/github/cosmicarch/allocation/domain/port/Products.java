package io.github.cosmicarch.allocation.domain.port;

import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.util.Optional;

/**
 * The repository of {@link Product} aggregates, as seen from inside one unit of work.
 *
 * <p>A product comes with its batches, not its lines: a decision that needs lines stored before
 * is given them by the handler, which asks the repository for exactly those ({@link #allocationsOf},
 * {@link #allocationsIn}), so that allocating costs the same however many lines the product holds.
 *
 * <p>Rules an adapter keeps:
 * <ul>
 *   <li>Within one unit of work, a sku is one instance: every call answers the same product, the
 *       one {@linkplain #add added} or first read, so that changes made through either are one
 *       change, and the unit of work commits what its products recorded.</li>
 *   <li>Reads see what this unit of work added or changed (new products, new batches) and what
 *       others committed before the product was first read here; never what others committed
 *       since.</li>
 *   <li>Allocations are answered as stored at the version of the product this unit of work last
 *       read or committed, never later: when another unit of work committed the product since,
 *       the answer is a {@link ConcurrencyConflict}, as the commit's would be. A product added
 *       here has none stored.</li>
 *   <li>A product comes back with its batches in the order they were added, ties of equal etas
 *       included, and each batch's lines in the order they were allocated.</li>
 *   <li>Failures of the storage itself are {@link StorageFailure}s.</li>
 * </ul>
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
     * Finds the product of a line's sku, to allocate the line: an adapter may read where the line
     * is held in the same read, so that {@link #allocationsOf} then answers it without reading
     * again. The same product as {@link #get} answers.
     *
     * @param line the line to allocate
     * @return the product, or empty when there is none
     */
    default Optional<Product> getFor(OrderLine line) {
        return get(line.sku());
    }

    /**
     * Finds the product of a sku to add a batch to it: an adapter may learn in the same read
     * whether any product has a batch with that reference, so that {@link #getByBatchReference}
     * then answers it without reading again. The same product as {@link #get} answers.
     *
     * @param sku            the stock-keeping unit
     * @param batchReference the reference of the batch about to be added
     * @return the product, or empty when there is none
     */
    default Optional<Product> getForNewBatch(String sku, String batchReference) {
        return get(sku);
    }

    /**
     * Finds the product that has a batch with the given reference.
     *
     * @param batchReference the batch reference
     * @return the product, or empty when no product has that batch
     */
    Optional<Product> getByBatchReference(String batchReference);

    /**
     * Where a line is held, as stored: what {@link Product#allocate(OrderLine, Allocations)} needs.
     *
     * @param line the line, whose product this unit of work has read or added
     * @return the line's allocation, or none when no batch holds it
     * @throws ConcurrencyConflict   when the product moved in storage since this unit of work read it
     * @throws IllegalStateException when this unit of work has not read or added the line's product
     */
    Allocations allocationsOf(OrderLine line);

    /**
     * Every line a batch holds, as stored, oldest allocation first: what shrinking it needs
     * ({@link Product#changeBatchQuantity(String, int, Allocations)}).
     *
     * @param batchReference the batch, whose product this unit of work has read or added
     * @return the batch's allocations
     * @throws ConcurrencyConflict   when the product moved in storage since this unit of work read it
     * @throws IllegalStateException when this unit of work has not read or added the batch's product
     */
    Allocations allocationsIn(String batchReference);
}
