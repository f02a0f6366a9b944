package io.github.cosmicarch.allocation.domain.port;

/**
 * One atomic set of changes to products: everything done through {@link #products()} is kept by
 * {@link #commit()}, or discarded by {@link #rollback()} or by {@link #close()} without a commit.
 *
 * <p>Used with try-with-resources, it reads like the book's {@code with uow:} block:
 *
 * <pre>{@code
 * try (UnitOfWork uow = unitsOfWork.start()) {
 *     Product product = uow.products().get(sku).orElseThrow();
 *     product.allocate(line, uow.products().allocationsOf(line));
 *     uow.commit();
 * }
 * }</pre>
 *
 * <p>Rules an adapter keeps: a commit writes every product this unit of work added or changed,
 * or none of them; it fails with {@link ConcurrencyConflict} when another unit of work committed
 * one of them since it was read here (its version moved), or created the same sku or batch
 * reference meanwhile; other units of work see nothing before the commit. After a commit, the same
 * unit of work goes on from what it committed. Once closed, which may be done twice, it refuses
 * {@code products()}, {@code commit()} and {@code rollback()} with an
 * {@link IllegalStateException}. A unit of work belongs to one thread at a time.
 */
public interface UnitOfWork extends AutoCloseable {

    /** {@return the repository of products, as seen from inside this unit of work} */
    Products products();

    /** Makes every change done in this unit of work durable and visible to others. */
    void commit();

    /** Discards every change not yet committed; the next read sees the last committed state. */
    void rollback();

    /**
     * Ends the unit of work and rolls back whatever was not committed. Never throws a checked
     * exception, so it fits try-with-resources without ceremony.
     */
    @Override
    void close();
}
