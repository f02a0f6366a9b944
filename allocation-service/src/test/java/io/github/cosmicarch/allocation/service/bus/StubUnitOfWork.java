package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.CallerTransaction;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.Outbox;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A unit of work with no products, for testing the bus alone: handlers record events in it
 * directly, its commit stores them in an outbox that forgets progress (every claim succeeds), and
 * it counts how many were started and closed.
 */
final class StubUnitOfWork implements OutboxUnitOfWork {

    /** Starts stub units of work and counts them. */
    static final class Factory implements UnitOfWorkFactory {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final Map<UUID, RecordedEvent> stored = new ConcurrentHashMap<>();
        final AtomicInteger commits = new AtomicInteger();
        /** The number of the commit that fails, counting from 1; none when 0. */
        volatile int failingCommit;
        /** The transaction the units of work join, while a test has one open. */
        volatile CallersTransaction callersTransaction;

        @Override
        public OutboxUnitOfWork start() {
            started.incrementAndGet();
            return new StubUnitOfWork(this);
        }

        @Override
        public Optional<CallerTransaction> callerTransaction() {
            return Optional.ofNullable(callersTransaction);
        }
    }

    /** A transaction a test opens as a caller of the bus would, and then commits or rolls back. */
    static final class CallersTransaction implements CallerTransaction {
        private final List<Runnable> afterCommit = new ArrayList<>();

        @Override
        public void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        void commit() {
            afterCommit.forEach(Runnable::run);
            afterCommit.clear();
        }

        void rollback() {
            afterCommit.clear();
        }
    }

    private final RecordingProducts products = new RecordingProducts();
    private final List<RecordedEvent> committed = new ArrayList<>();
    private final Factory factory;

    private StubUnitOfWork(Factory factory) {
        this.factory = factory;
    }

    /** Records events as if a product of this unit of work had, and commits them. */
    static void record(UnitOfWork uow, DomainEvent... events) {
        recordWithoutCommit(uow, events);
        uow.commit();
    }

    /**
     * Records events as if a product of this unit of work had, leaving them to a commit. Works
     * through {@link UnitOfWork#products()}, so that it reaches the stub through whatever the bus
     * gave the handler, such as the step of a group.
     */
    static void recordWithoutCommit(UnitOfWork uow, DomainEvent... events) {
        ((RecordingProducts) uow.products()).recorded.addAll(List.of(events));
    }

    @Override
    public Products products() {
        return products;
    }

    @Override
    public Outbox outbox() {
        return new Outbox() {
            @Override
            public List<PendingEvent> due(Instant storedBefore, Instant now, int limit) {
                return List.of();
            }

            @Override
            public List<PendingEvent> claim(List<UUID> ids, Set<String> handlers) {
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

            @Override
            public boolean discard(UUID id, String handler) {
                return false;
            }

            @Override
            public Optional<Instant> oldestPendingSince() {
                return Optional.empty();
            }

            @Override
            public List<PendingEvent> retrying(String handler, int limit) {
                return List.of();
            }

            @Override
            public void retryNow(String handler, Instant now) {}
        };
    }

    @Override
    public void commit() {
        if (factory.commits.incrementAndGet() == factory.failingCommit) {
            throw new IllegalStateException("disk full");
        }
        for (DomainEvent event : products.recorded) {
            RecordedEvent stored = RecordedEvent.withNewId(event);
            factory.stored.put(stored.id(), stored);
            committed.add(stored);
        }
        products.recorded.clear();
    }

    @Override
    public void rollback() {
        products.recorded.clear();
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

    /**
     * No product at all: only the events the handlers record as if one of its products had, which
     * the next commit stores.
     */
    private static final class RecordingProducts implements Products {

        private final List<DomainEvent> recorded = new ArrayList<>();

        @Override
        public void add(Product product) {
            throw noProducts();
        }

        @Override
        public Optional<Product> get(String sku) {
            throw noProducts();
        }

        @Override
        public Optional<Product> getByBatchReference(String batchReference) {
            throw noProducts();
        }

        @Override
        public Allocations allocationsOf(OrderLine line) {
            throw noProducts();
        }

        @Override
        public Allocations allocationsIn(String batchReference) {
            throw noProducts();
        }

        private static UnsupportedOperationException noProducts() {
            return new UnsupportedOperationException("the bus tests use no products");
        }
    }
}
