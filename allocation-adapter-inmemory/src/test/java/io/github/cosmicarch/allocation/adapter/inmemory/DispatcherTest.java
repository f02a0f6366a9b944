package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.EffectHandler;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.Handlers;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher on the in-memory database: effects off the caller's thread, retries, parking, replay, order, recovery. */
class DispatcherTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final DispatcherSettings QUICK = new DispatcherSettings(2, Duration.ZERO, Duration.ofMillis(10), 100,
            new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(10)));

    private final InMemoryDatabase database = new InMemoryDatabase();
    /**
     * The database as the bus sees durable storage, so that effects take the dispatcher's path
     * rather than running before the answer, as they do in memory.
     */
    private final UnitOfWorkFactory durable = database::start;
    private final LoggedMessages logged = new LoggedMessages();
    private MessageBus bus;

    @AfterEach
    void stop() {
        if (bus != null) {
            bus.dispatcher().close();
        }
    }

    private MessageBus bus(DispatcherSettings settings, EffectHandler<Allocated> publish) {
        bus = MessageBus.builder(durable)
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity)
                .event(Deallocated.class, "reallocate", Handlers::reallocate)
                .effect(Allocated.class, "publish", publish)
                .dispatcherSettings(settings)
                .logger(logged)
                .build();
        return bus;
    }

    @Test
    void theAnswerNeverWaitsForAnEffectWhichRunsOnTheDispatchersThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        bus(QUICK, (event, id) -> {
            threads.add(Thread.currentThread().getName());
            await(release);
        });
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        assertThat(bus.handle(new Allocate("o1", "LAMP", 1))).contains("b1");
        assertThat(bus.handle(new Allocate("o2", "LAMP", 1))).as("answered while the effect hangs").contains("b1");

        release.countDown();
        eventually(() -> threads.size() == 2);
        assertThat(threads).noneMatch(name -> name.equals(Thread.currentThread().getName()))
                .allMatch(name -> name.startsWith("allocation-"));
        eventually(this::outboxIsEmpty);
    }

    @Test
    void anEffectRunsAtOnceAfterItsEventsUnitOfWorkHandlersNotAfterTheGracePeriod() {
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        List<String> kept = Collections.synchronizedList(new ArrayList<>());
        bus = MessageBus.builder(durable)
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity)
                .event(Allocated.class, "keep", (event, uow) -> kept.add(event.orderId()))
                .effect(Allocated.class, "publish", (event, id) -> published.add(event.orderId()))
                .dispatcherSettings(QUICK.withGracePeriod(Duration.ofHours(1)))
                .logger(logged)
                .build();
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        bus.handle(new Allocate("o1", "LAMP", 1));

        assertThat(kept).containsExactly("o1");
        eventually(() -> published.size() == 1);
        eventually(this::outboxIsEmpty);
    }

    @Test
    void aFailingEffectIsTriedAgainWithTheSameEventIdUntilItSucceeds() {
        List<UUID> attempts = Collections.synchronizedList(new ArrayList<>());
        bus(QUICK, (event, id) -> {
            attempts.add(id);
            if (attempts.size() < 3) {
                throw new IllegalStateException("broker away");
            }
        });
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));

        eventually(this::outboxIsEmpty);
        assertThat(attempts).hasSize(3).containsOnly(attempts.get(0));
        assertThat(bus.dispatcher().parked(10)).isEmpty();
    }

    @Test
    void closingWaitsForTheEffectsUnderWay() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        bus(QUICK, (event, id) -> {
            started.countDown();
            try {
                TimeUnit.MILLISECONDS.sleep(300);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            finished.set(true);
        });
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        bus.dispatcher().close();

        assertThat(finished).as("the effect under way ended before close returned").isTrue();
    }

    @Test
    void anOperatorDiscardsAParkedHandlerAndTheEventIsForgottenOnceNoOtherHandlerIsLeft() {
        bus(QUICK, (event, id) -> {
            throw new IllegalStateException("broker away for good");
        });
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        eventually(() -> bus.dispatcher().parked(10).size() == 1);
        UUID parked = bus.dispatcher().parked(10).get(0).recorded().id();

        assertThat(bus.dispatcher().discard(parked, "reallocate")).as("not parked").isFalse();
        assertThat(bus.dispatcher().discard(UUID.randomUUID(), "publish")).as("no such event").isFalse();
        assertThat(logged.at(Level.WARNING)).as("nothing discarded yet").noneMatch(message -> message.contains("discarded"));
        assertThat(bus.dispatcher().discard(parked, "publish")).isTrue();

        assertThat(bus.dispatcher().parked(10)).isEmpty();
        eventually(this::outboxIsEmpty);
        assertThat(logged.at(Level.WARNING)).anyMatch(message -> message.contains("publish") && message.contains("discarded")
                && message.contains(parked.toString()));
    }

    @Test
    void anEffectThatKeepsFailingIsParkedLoggedListedAndReplayed() {
        AtomicBoolean brokerUp = new AtomicBoolean();
        List<UUID> published = Collections.synchronizedList(new ArrayList<>());
        bus(QUICK, (event, id) -> {
            if (!brokerUp.get()) {
                throw new IllegalStateException("broker away");
            }
            published.add(id);
        });
        bus.dispatcher().start();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));

        eventually(() -> bus.dispatcher().parked(10).size() == 1);
        PendingEvent parked = bus.dispatcher().parked(10).get(0);
        assertThat(parked.recorded().event()).isEqualTo(new Allocated("o1", "LAMP", 1, "b1"));
        HandlerProgress progress = parked.progressOf("publish").orElseThrow();
        assertThat(progress.status()).isEqualTo(HandlerProgress.Status.PARKED);
        assertThat(progress.attempts()).isEqualTo(3);
        assertThat(progress.lastError()).contains("broker away");
        assertThat(logged.at(Level.ERROR)).anyMatch(message -> message.contains("publish gave up on Allocated[orderId=o1")
                && message.contains(parked.recorded().id().toString()));
        assertThat(published).isEmpty();

        brokerUp.set(true);
        assertThat(bus.dispatcher().replay(parked.recorded().id(), "reallocate")).isFalse();
        assertThat(bus.dispatcher().replay(parked.recorded().id(), "publish")).isTrue();

        eventually(this::outboxIsEmpty);
        assertThat(published).containsExactly(parked.recorded().id());
        assertThat(bus.dispatcher().parked(10)).isEmpty();
    }

    @Test
    void anEffectSeesAProductsEventsInTheOrderTheyWereStoredThoughTheFirstFailed() {
        AtomicInteger calls = new AtomicInteger();
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        bus(QUICK, (event, id) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("broker away, once");
            }
            published.add(event.orderId());
        });
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.handle(new Allocate("o2", "LAMP", 1));
        bus.handle(new Allocate("o3", "LAMP", 1));
        bus.dispatcher().start();

        eventually(this::outboxIsEmpty);
        assertThat(published).containsExactly("o1", "o2", "o3");
    }

    @Test
    void effectsStoredWhileNoDispatcherRanRunOnceOneStarts() {
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        bus(QUICK, (event, id) -> published.add(event.orderId()));
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        assertThat(published).isEmpty();
        assertThat(logged.at(Level.ERROR)).isEmpty();

        bus.dispatcher().start();

        eventually(this::outboxIsEmpty);
        assertThat(published).containsExactly("o1");
    }

    @Test
    void aUnitOfWorkHandlerThatFailsIsRunAgainByTheDispatcherAndItsWorkIsDoneOnce() {
        AtomicInteger runs = new AtomicInteger();
        bus = MessageBus.builder(durable)
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity)
                .event(Deallocated.class, "reallocate", (event, uow) -> {
                    if (runs.incrementAndGet() == 1) {
                        throw new IllegalStateException("connection lost");
                    }
                    Handlers.reallocate(event, uow);
                })
                .dispatcherSettings(QUICK)
                .logger(logged)
                .build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(CreateBatch.inWarehouse("b2", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 10));

        bus.handle(new ChangeBatchQuantity("b1", 0));
        assertThat(heldBy("b2")).as("the failed run left the line for later").isZero();
        bus.dispatcher().start();

        eventually(this::outboxIsEmpty);
        assertThat(runs).hasValue(2);
        assertThat(heldBy("b2")).isEqualTo(10);
        assertThat(database.allocationsView().allocations("o1")).hasSize(1);
    }

    private int heldBy(String reference) {
        try (OutboxUnitOfWork uow = database.start()) {
            return uow.products().get("LAMP").orElseThrow().batch(reference).orElseThrow().allocatedQuantity();
        }
    }

    private boolean outboxIsEmpty() {
        try (OutboxUnitOfWork uow = database.start()) {
            Instant later = Instant.now().plus(Duration.ofDays(1));
            return uow.outbox().due(later, later, 10).isEmpty() && uow.outbox().parked(10).isEmpty();
        }
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not so within " + PATIENCE);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
