package io.github.cosmicarch.allocation.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * The lines of a product that stay in storage when an adapter restores it without them. The
 * product asks only for what a decision needs: whether one line is already held, when it
 * allocates; the lines of one batch, when that batch shrinks below what it holds. So allocating
 * costs the same however many lines the product already holds.
 *
 * <p>Implemented by storage adapters. Answers reflect storage as the product was read or last
 * committed; lines the product added since may be among them once committed. Storage that can no
 * longer answer so, because another unit of work changed the product since, throws the
 * {@code ConcurrencyConflict} of the unit of work's port instead, which the bus retries.
 */
public interface StoredLines {

    /**
     * The batch that holds this line in storage.
     *
     * @param line the line to look for
     * @return the reference of the batch holding it, or empty when none does
     */
    Optional<String> batchHolding(OrderLine line);

    /**
     * The lines a batch holds in storage.
     *
     * @param batchReference the batch
     * @return its lines, oldest allocation first
     */
    List<OrderLine> heldBy(String batchReference);
}
