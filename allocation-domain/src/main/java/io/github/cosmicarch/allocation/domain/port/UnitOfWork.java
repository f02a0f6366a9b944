package io.github.cosmicarch.allocation.domain.port;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.util.List;

/**
 * One atomic set of changes to products: everything done through {@link #products()} is kept by
 * {@link #commit()}, or discarded by {@link #rollback()} or by {@link #close()} without a commit.
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

    /** Makes every change done in this unit of work durable and visible to others. */
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
     * Collects the events recorded by the products this unit of work has seen since the last
     * collection; each event is handed out once.
     *
     * @return the new events, product by product in the order the products were first seen
     */
    default List<DomainEvent> collectNewEvents() {
        return products().seen().stream()
                .flatMap((Product product) -> product.collectEvents().stream())
                .toList();
    }
}
