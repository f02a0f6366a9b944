package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.service.outbox.Outbox;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.util.ArrayList;
import java.util.List;

/** A unit of work on an {@link InMemoryDatabase}; see there for its guarantees. */
final class InMemoryUnitOfWork implements OutboxUnitOfWork {

    private final InMemoryDatabase database;
    private InMemoryProducts products;
    private final InMemoryOutbox outbox;
    private final List<RecordedEvent> stored = new ArrayList<>();
    private boolean closed;

    InMemoryUnitOfWork(InMemoryDatabase database) {
        this.database = database;
        this.products = new InMemoryProducts(database);
        this.outbox = new InMemoryOutbox(database);
    }

    @Override
    public Products products() {
        requireOpen();
        return products;
    }

    @Override
    public Outbox outbox() {
        requireOpen();
        return outbox;
    }

    @Override
    public void commit() {
        requireOpen();
        List<Change> changes = new ArrayList<>();
        List<RecordedEvent> recorded = new ArrayList<>();
        for (Product product : products.seen()) {
            List<DomainEvent> events = product.collectEvents();
            events.forEach(event -> recorded.add(RecordedEvent.withNewId(event)));
            if (products.changed(product)) {
                OutboxUnitOfWork.requireEventsAccountFor(product, products.unitsRead(product), events);
                changes.add(new Change(StoredProduct.of(product), products.versionRead(product), events));
            }
        }
        try {
            database.commit(changes, recorded, outbox.takeWrites());
        } finally {
            outbox.discard();
        }
        products.committed(changes);
        stored.addAll(recorded);
    }

    /** Forgets every product read or created and every outbox write: the next read sees the last committed state. */
    @Override
    public void rollback() {
        requireOpen();
        products = new InMemoryProducts(database);
        outbox.discard();
    }

    @Override
    public void close() {
        if (!closed) {
            rollback();
            closed = true;
        }
    }

    @Override
    public List<RecordedEvent> collectNewEvents() {
        List<RecordedEvent> collected = List.copyOf(stored);
        stored.clear();
        return collected;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This unit of work is closed");
        }
    }
}
