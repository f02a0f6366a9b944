package io.github.cosmicarch.allocation.service.outbox;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import java.util.List;

/**
 * The unit of work the message bus works in: the domain's {@link UnitOfWork} with the
 * transactional {@link Outbox}. Its commit also stores, in the same transaction, every event its
 * products recorded since the last commit (collected with {@code Product.collectEvents()}), each
 * under a {@linkplain RecordedEvent#withNewId new id}, and makes the writes done through
 * {@link #outbox()}: nothing a commit sets in motion lives only in memory, and a handler's work and
 * its done mark are kept together or not at all. A rollback discards the outbox's writes too.
 *
 * <p>The same events tell the commit which lines to store: an {@link Allocated} line is held by its
 * batch, a {@link Deallocated} one by none. An adapter that keeps its own read model
 * ({@code Bootstrap.readModelKeptByStorage()}) writes it in the same commit, by the
 * {@code AllocationsProjection} rule. A product whose events were collected before its
 * commit cannot be stored line by line; the commit refuses it ({@link #requireEventsAccountFor}).
 */
public interface OutboxUnitOfWork extends UnitOfWork {

    /** {@return the stored events, the outbox, as seen from inside this unit of work} */
    Outbox outbox();

    /**
     * Collects the events that the commits of this unit of work stored since the last collection;
     * each is handed out once. Events recorded but never committed are not among them.
     *
     * @return the stored events, in the order they were stored
     */
    List<RecordedEvent> collectNewEvents();

    /**
     * Checks, before a product is written, that the events its commit collected account for the
     * units its batches gained or lost since it was read: else they were collected before, and
     * storage could not tell which lines the product holds.
     *
     * @param product   the product about to be written
     * @param unitsRead the units its batches held as read, 0 for a product created here
     * @param events    the events collected for the commit
     * @throws IllegalStateException naming the product when they do not
     */
    static void requireEventsAccountFor(Product product, int unitsRead, List<DomainEvent> events) {
        int units = product.batches().stream().mapToInt(Batch::allocatedQuantity).sum();
        int byEvents = 0;
        for (DomainEvent event : events) {
            if (event instanceof Allocated allocated) {
                byEvents += allocated.quantity();
            } else if (event instanceof Deallocated deallocated) {
                byEvents -= deallocated.quantity();
            }
        }
        if (units - unitsRead != byEvents) {
            throw new IllegalStateException("Product " + product.sku() + " holds " + (units - unitsRead)
                    + " units more than when it was read, but its events allocated " + byEvents
                    + ": its events were collected before the commit, which stores lines from them");
        }
    }
}
