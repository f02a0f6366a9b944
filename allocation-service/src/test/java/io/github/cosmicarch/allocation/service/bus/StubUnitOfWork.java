package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A unit of work with no storage, for testing the bus alone: handlers record events in it
 * directly, and it counts how many were started and closed.
 */
final class StubUnitOfWork implements UnitOfWork {

    /** Starts stub units of work and counts them. */
    static final class Factory implements io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public UnitOfWork start() {
            started.incrementAndGet();
            return new StubUnitOfWork(closed);
        }
    }

    private final List<DomainEvent> recorded = new ArrayList<>();
    private final AtomicInteger closedCount;

    private StubUnitOfWork(AtomicInteger closedCount) {
        this.closedCount = closedCount;
    }

    /** Records events as if a product of this unit of work had. */
    static void record(UnitOfWork uow, DomainEvent... events) {
        ((StubUnitOfWork) uow).recorded.addAll(List.of(events));
    }

    @Override
    public Products products() {
        throw new UnsupportedOperationException("the bus tests use no products");
    }

    @Override
    public void commit() {}

    @Override
    public void rollback() {}

    @Override
    public void close() {
        closedCount.incrementAndGet();
    }

    @Override
    public List<DomainEvent> collectNewEvents() {
        List<DomainEvent> collected = List.copyOf(recorded);
        recorded.clear();
        return collected;
    }
}
