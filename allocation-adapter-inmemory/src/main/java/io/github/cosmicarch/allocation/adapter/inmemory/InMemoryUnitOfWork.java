package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import java.util.List;

/** A unit of work on an {@link InMemoryDatabase}; see there for its guarantees. */
final class InMemoryUnitOfWork implements UnitOfWork {

    private final InMemoryDatabase database;
    private InMemoryProducts products;
    private boolean closed;

    InMemoryUnitOfWork(InMemoryDatabase database) {
        this.database = database;
        this.products = new InMemoryProducts(database);
    }

    @Override
    public Products products() {
        requireOpen();
        return products;
    }

    @Override
    public void commit() {
        requireOpen();
        List<Change> changes = products.changes();
        database.commit(changes);
        products.committed(changes);
    }

    /** Forgets every product read or created: the next read sees the last committed state. */
    @Override
    public void rollback() {
        requireOpen();
        products = new InMemoryProducts(database);
    }

    @Override
    public void close() {
        if (!closed) {
            rollback();
            closed = true;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This unit of work is closed");
        }
    }
}
