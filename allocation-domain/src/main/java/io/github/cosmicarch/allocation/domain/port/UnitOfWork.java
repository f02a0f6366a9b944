package io.github.cosmicarch.allocation.domain.port;

import java.util.List;

/**
 * One atomic set of changes to products and to the events they lead to: everything done through
 * {@link #products()} and {@link #outbox()} is kept by {@link #commit()}, or discarded by
 * {@link #rollback()} or by {@link #close()} without a commit. A commit also stores, in the same
 * transaction, every event its products recorded since the last commit: nothing a commit sets in
 * motion lives only in memory.
 *
 * <p>Used with try-with-resources, it reads like the book's {@code with uow:} block:
 *
 * <pre>{@code
 * try (UnitOfWork uow = unitsOfWork.start()) {
 *     Product product = uow.products().get(sku).orElseThrow();
 *     product.allocate(line);
 *     uow.commit();
 * }
 * }</pre>
 *
 * <p>A unit of work belongs to one thread at a time.
 */
public interface UnitOfWork extends AutoCloseable {

    /**
     * The repository of products, as seen from inside this unit of work.
     *
     * @return the products
     */
    Products products();

    /**
     * The stored events, as seen from inside this unit of work.
     *
     * @return the outbox
     */
    Outbox outbox();

    /**
     * Makes every change done in this unit of work durable and visible to others, with the events
     * its products recorded since the last commit and what was written to the {@link #outbox()}.
     */
    void commit();

    /** Discards every change not yet committed. */
    void rollback();

    /**
     * Ends the unit of work and rolls back whatever was not committed. Never throws a checked
     * exception, so it fits try-with-resources without ceremony.
     */
    @Override
    void close();

    /**
     * Collects the events that the commits of this unit of work stored since the last collection;
     * each is handed out once. Events recorded but never committed are not among them.
     *
     * @return the stored events, in the order they were stored
     */
    List<RecordedEvent> collectNewEvents();
}
