package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.Handlers;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingEventPublisher;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller that owns its entity manager and its transaction, as a plain Jakarta Persistence
 * application does, and calls the bus inside it: the bus's work is written on the caller's entity
 * manager and commits or rolls back with it; effects run only after the caller committed.
 */
class CallersTransactionTest {

    private static final String URL = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private static final JpaDatabase DATABASE = TestDatabases.keptOpen(JpaDatabase.builder(URL));
    private static final JpaDatabase ELSEWHERE = TestDatabases.keptOpen(JpaDatabase.builder(URL));

    /** The caller's transactions, bound to the thread while the test holds one open. */
    private static final class ThreadBoundTransactions implements CallerTransactions {
        private final ThreadLocal<EntityManager> bound = new ThreadLocal<>();
        private final ThreadLocal<List<Runnable>> afterCommit = ThreadLocal.withInitial(ArrayList::new);

        @Override
        public Optional<EntityManager> current() {
            return Optional.ofNullable(bound.get());
        }

        @Override
        public void afterCommit(Runnable action) {
            afterCommit.get().add(action);
        }

        /** Runs the work in a transaction of the caller's, committed when {@code commit}, else rolled back. */
        <T> T inTransaction(boolean commit, Supplier<T> work) {
            EntityManager em = DATABASE.entityManagerFactory().createEntityManager();
            try {
                em.getTransaction().begin();
                bound.set(em);
                T result = work.get();
                if (commit) {
                    em.getTransaction().commit();
                    afterCommit.get().forEach(Runnable::run);
                } else {
                    em.getTransaction().rollback();
                }
                return result;
            } finally {
                bound.remove();
                afterCommit.remove();
                em.close();
            }
        }
    }

    private final ThreadBoundTransactions callers = new ThreadBoundTransactions();
    private final JpaUnitOfWorkFactory joining = new JpaUnitOfWorkFactory(DATABASE.entityManagerFactory(),
            JpaUnitOfWorkFactory.DEFAULT_KEPT, callers);
    private final RecordingEventPublisher published = new RecordingEventPublisher();
    private final MessageBus bus = Bootstrap.builder().unitsOfWork(joining).readModelKeptByStorage()
            .publisher(published).messageBus()
            .retryPolicy(new RetryPolicy(5, Duration.ZERO, Duration.ZERO))
            .build();
    private final String sku = "JOINED-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stop() {
        bus.dispatcher().close();
    }

    @Test
    void theBusWritesOnTheCallersEntityManagerAndCommitsWithIt() {
        bus.dispatcher().start();
        callers.inTransaction(true, () -> {
            bus.handle(CreateBatch.inWarehouse(sku + "-a", sku, 10));
            assertThat(bus.handle(new Allocate(sku + "-order", sku, 3))).contains(sku + "-a");
            assertThat(DATABASE.allocationsView().allocations(sku + "-order")).as("read in a transaction of its own").isEmpty();
            assertThat(allocatedIn(callers.current().orElseThrow())).as("seen in the caller's transaction").isEqualTo(3);
            assertThat(committedAllocated()).as("not committed before the caller commits").isNull();
            assertThat(published.published()).isEmpty();
            return null;
        });

        assertThat(committedAllocated()).isEqualTo(3);
        assertThat(DATABASE.allocationsView().allocations(sku + "-order")).hasSize(1);
        List<DomainEvent> publishedAfterCommit = published.awaitPublished(1, Duration.ofSeconds(10));
        assertThat(publishedAfterCommit).containsExactly(new Allocated(sku + "-order", sku, 3, sku + "-a"));
    }

    @Test
    void aRollbackOfTheCallerTakesTheBusWorkWithItAndNothingIsPublished() throws InterruptedException {
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse(sku + "-a", sku, 10));

        callers.inTransaction(false, () -> bus.handle(new Allocate(sku + "-order", sku, 3)));

        assertThat(committedAllocated()).isZero();
        assertThat(DATABASE.allocationsView().allocations(sku + "-order")).isEmpty();
        try (OutboxUnitOfWork uow = DATABASE.start()) {
            assertThat(uow.outbox().due(java.time.Instant.now().plusSeconds(60), java.time.Instant.now().plusSeconds(60), 10))
                    .as("no event stored").isEmpty();
        }
        Thread.sleep(200);
        assertThat(published.published()).isEmpty();
    }

    @Test
    void whatARolledBackTransactionWroteIsNeverTakenForStoredState() {
        MessageBus elsewhere = Bootstrap.builder().unitsOfWork(ELSEWHERE).readModelKeptByStorage().build();
        bus.handle(CreateBatch.inWarehouse(sku + "-a", sku, 10));
        bus.handle(new Allocate("order-0", sku, 1));

        callers.inTransaction(false, () -> bus.handle(new Allocate("order-1", sku, 5)));
        elsewhere.handle(new Allocate("order-2", sku, 2)); // stored at the version the rolled back one had

        assertThat(bus.handle(new Allocate("order-3", sku, 7))).as("7 of 10 left").contains(sku + "-a");
        assertThat(bus.handle(new Allocate("order-4", sku, 1))).as("none left").isEmpty();
    }

    @Test
    void aConflictInTheCallersTransactionFailsAtOnce() {
        bus.handle(CreateBatch.inWarehouse(sku + "-a", sku, 10));
        MessageBus elsewhere = Bootstrap.builder().unitsOfWork(ELSEWHERE).readModelKeptByStorage().build();
        AtomicInteger attempts = new AtomicInteger();
        MessageBus overtaken = MessageBus.builder(joining)
                .command(CreateBatch.class, Handlers::addBatch)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity)
                .command(Allocate.class, (command, uow) -> {
                    attempts.incrementAndGet();
                    Product product = uow.products().get(command.sku()).orElseThrow();
                    elsewhere.handle(new Allocate("order-elsewhere-" + attempts.get(), sku, 1));
                    OrderLine line = new OrderLine(command.orderId(), command.sku(), command.quantity());
                    Optional<String> batch = product.allocate(line, uow.products().allocationsOf(line));
                    uow.commit();
                    return batch;
                })
                .retryPolicy(new RetryPolicy(5, Duration.ZERO, Duration.ZERO))
                .build();

        assertThatExceptionOfType(ConcurrencyConflict.class)
                .isThrownBy(() -> callers.inTransaction(true, () -> overtaken.handle(new Allocate("order-1", sku, 1))));
        assertThat(attempts).as("not retried: the caller's own work cannot be run again").hasValue(1);
        assertThat(committedAllocated()).isEqualTo(1);
    }

    private int allocatedIn(EntityManager em) {
        return em.createQuery("select b.allocatedQuantity from BatchRow b where b.reference = :reference", Integer.class)
                .setParameter("reference", sku + "-a").getResultStream().findFirst().orElse(0);
    }

    private Integer committedAllocated() {
        EntityManager em = DATABASE.entityManagerFactory().createEntityManager();
        try {
            return em.createQuery("select b.allocatedQuantity from BatchRow b where b.reference = :reference", Integer.class)
                    .setParameter("reference", sku + "-a").getResultStream().findFirst().orElse(null);
        } finally {
            em.close();
        }
    }
}
