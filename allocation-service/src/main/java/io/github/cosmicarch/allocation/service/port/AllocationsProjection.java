package io.github.cosmicarch.allocation.service.port;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;

/**
 * Writes the read model from the events, by one rule, whoever applies it (a storage adapter in
 * the commit that records the events, or the bus's read-model handlers after it):
 *
 * <ul>
 *   <li>an order shows a row of a sku and a batch while that batch holds at least one line of
 *       the order of that sku: {@link Allocated} adds the row unless it is there, and
 *       {@link Deallocated} removes it only when the batch then holds no other line of the order
 *       of that sku;</li>
 *   <li>rows show in the order they were added;</li>
 *   <li>applying an event a second time, right after the first, changes nothing, so that
 *       handlers run at least once keep the same rows.</li>
 * </ul>
 *
 * <p>The testkit's {@code AllocationsViewContract} holds every implementation to it. Written by
 * the bus's handlers, the rows follow each type of event in order, but an {@link Allocated} whose
 * handler failed and is retried later may come after the {@link Deallocated} of its line: such a
 * read model may then show a row for a line given back. A read model that must never do so is
 * written by the storage, in the commit.
 */
public interface AllocationsProjection {

    /**
     * Shows that a batch holds a line of the order.
     *
     * @param event the allocation
     */
    void handle(Allocated event);

    /**
     * Shows that the line's batch no longer holds it.
     *
     * @param event the line given back
     */
    void handle(Deallocated event);
}
