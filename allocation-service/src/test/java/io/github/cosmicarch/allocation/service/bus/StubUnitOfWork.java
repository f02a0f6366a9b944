package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.HandlerProgress;
import io.github.cosmicarch.allocation.domain.port.Outbox;
import io.github.cosmicarch.allocation.domain.port.PendingEvent;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.RecordedEvent;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A unit of work with no products, for testing the bus alone: handlers record events in it
 * directly, its commit stores them in an outbox that forgets progress (every claim succeeds), and
 * it counts how many were started and closed.
 */
final class StubUnitOfWork implements UnitOfWork {

    /** Starts stub units of work and counts them. */
    static final class Factory implements io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final Map<UUID, RecordedEvent> stored = new ConcurrentHashMap<>();
        final AtomicInteger commits = new AtomicInteger();
        /** The number of the commit that fails, counting from 1; none when 0. */
        volatile int failingCommit;

        @Override
        public UnitOfWork start() {
            started.incrementAndGet();
            return new StubUnitOfWork(this);
        }
    }

    private final List<DomainEvent> recorded = new ArrayList<>();
    private final List<RecordedEvent> committed = new ArrayList<>();
    private final Factory factory;

    private StubUnitOfWork(Factory factory) {
        this.factory = factory;
    }

    /** Records events as if a product of this unit of work had, and commits them. */
    static void record(UnitOfWork uow, DomainEvent... events) {
        UnitOfWork stub = uow instanceof CommandGroups.Step step ? step.group() : uow;
        ((StubUnitOfWork) stub).recordWithoutCommit(events);
        uow.commit();
    }

    /** Records events as if a product of this unit of work had, leaving them to a commit. */
    void recordWithoutCommit(DomainEvent... events) {
        recorded.addAll(List.of(events));
    }

    @Override
    public Products products() {
        throw new UnsupportedOperationException("the bus tests use no products");
    }

    @Override
    public Outbox outbox() {
        return new Outbox() {
            @Override
            public List<PendingEvent> due(Instant storedBefore, Instant now, int limit) {
                return List.of();
            }

            @Override
            public List<PendingEvent> claim(List<UUID> ids) {
                return ids.stream().map(factory.stored::get).map(event -> new PendingEvent(event, Map.of())).toList();
            }

            @Override
            public void record(UUID id, String handler, HandlerProgress progress) {}

            @Override
            public void schedule(UUID id, Optional<Instant> nextAttempt) {}

            @Override
            public void finished(UUID id) {}

            @Override
            public List<PendingEvent> parked(int limit) {
                return List.of();
            }

            @Override
            public boolean replay(UUID id, String handler) {
                return false;
            }
        };
    }

    @Override
    public void commit() {
        if (factory.commits.incrementAndGet() == factory.failingCommit) {
            throw new IllegalStateException("disk full");
        }
        for (DomainEvent event : recorded) {
            RecordedEvent stored = new RecordedEvent(UUID.randomUUID(), event);
            factory.stored.put(stored.id(), stored);
            committed.add(stored);
        }
        recorded.clear();
    }

    @Override
    public void rollback() {
        recorded.clear();
    }

    @Override
    public void close() {
        factory.closed.incrementAndGet();
    }

    @Override
    public List<RecordedEvent> collectNewEvents() {
        List<RecordedEvent> collected = List.copyOf(committed);
        committed.clear();
        return collected;
    }
}
