package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.EffectHandler;
import io.github.cosmicarch.allocation.service.bus.EventDispatcher;
import io.github.cosmicarch.allocation.service.bus.EventHandler;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.Handlers;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher driven by hand, one {@link EventDispatcher#dispatchDue()} at a time, on a clock
 * the test moves: what is due when, what a failure leaves recorded, what runs again and what does
 * not.
 */
class DispatchingDueWorkTest {

    private static final Duration BACKOFF = Duration.ofMinutes(1);
    private static final RetryPolicy THREE_ATTEMPTS = new RetryPolicy(3, BACKOFF, BACKOFF.multipliedBy(4));
    private static final DispatcherSettings NO_GRACE = new DispatcherSettings(1, Duration.ZERO, Duration.ofMillis(10), 100,
            THREE_ATTEMPTS);

    private final MovableClock clock = new MovableClock();
    private final InMemoryDatabase database = new InMemoryDatabase(clock);
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean brokerUp = new AtomicBoolean(true);
    private final AtomicInteger reallocations = new AtomicInteger();
    private final LoggedMessages logged = new LoggedMessages();
    private EventHandler<Deallocated> reallocate = (event, uow) -> {
        reallocations.incrementAndGet();
        Handlers.reallocate(event, uow);
    };
    private final AtomicInteger publishAttempts = new AtomicInteger();
    private EffectHandler<Allocated> publish = (event, id) -> {
        publishAttempts.incrementAndGet();
        if (!brokerUp.get()) {
            throw new IllegalStateException("broker away");
        }
        published.add(event.orderId());
    };

    private final AtomicInteger unitsOfWorkStarted = new AtomicInteger();
    private final List<String> parkings = Collections.synchronizedList(new ArrayList<>());

    private MessageBus.Builder builder(DispatcherSettings settings) {
        return MessageBus.builder(() -> {
                    unitsOfWorkStarted.incrementAndGet();
                    return database.start();
                })
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity)
                .event(Deallocated.class, "reallocate", (event, uow) -> reallocate.handle(event, uow))
                .effect(Allocated.class, "publish", (event, id) -> publish.handle(event, id))
                .dispatcherSettings(settings)
                .clock(clock)
                .observer(new BusObserver() {
                    @Override
                    public void parked(RecordedEvent event, String handler, HandlerProgress progress) {
                        parkings.add(handler + " on " + event.id() + ": " + progress);
                    }
                })
                .logger(logged);
    }

    private MessageBus bus() {
        return builder(NO_GRACE).build();
    }

    /**
     * A broker away for a while leaves each product's first event waiting out a pause grown with
     * every failure, and the later ones behind it; once it is back, the dispatcher's next look
     * tries one early, and its success makes the whole backlog due and published, in order.
     */
    @Test
    void aBacklogLeftByAnOutageIsPublishedAtTheFirstLookOnceTheBrokerIsBack() {
        MessageBus bus = builder(NO_GRACE.withRetries(new RetryPolicy(10, BACKOFF, BACKOFF.multipliedBy(16)))).build();
        List<String> skus = List.of("LAMP", "CHAIR", "TABLE", "SOFA");
        skus.forEach(sku -> bus.handle(CreateBatch.inWarehouse(sku + "-batch", sku, 100)));
        brokerUp.set(false);
        List<String> orders = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (String sku : skus) {
                orders.add(sku + "-" + round);
                bus.handle(new Allocate(sku + "-" + round, sku, 1));
            }
            clock.move(BACKOFF.multipliedBy(2));
            bus.dispatcher().dispatchDue();
        }
        assertThat(published).isEmpty();
        UUID triedEarly = retryingPublish().get(0).recorded().id();

        brokerUp.set(true);
        clock.move(Duration.ofSeconds(1));

        assertThat(bus.dispatcher().dispatchDue()).as("events seen through").isEqualTo(orders.size());
        assertThat(published).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(outboxIsEmpty()).isTrue();
        try (OutboxUnitOfWork uow = database.start()) {
            assertThat(uow.outbox().claim(List.of(triedEarly), Set.of())).as("the event tried early, finished").isEmpty();
        }
        assertThat(logged.at(Level.WARNING)).as("one warning for the outage")
                .filteredOn(message -> message.startsWith("Effect publish failed")).hasSize(1);
        assertThat(logged.at(Level.DEBUG)).anyMatch(message -> message.startsWith("Effect publish still fails"));
        bus.handle(new Allocate("after", "LAMP", 1));
        clock.move(Duration.ofSeconds(1));
        bus.dispatcher().dispatchDue();
        assertThat(published).contains("after");
        assertThat(logged.at(Level.INFO)).as("the outage ended once")
                .containsOnlyOnce("Effect publish works again: its waiting events are due at once");
        for (String sku : skus) {
            assertThat(published.stream().filter(order -> order.startsWith(sku)).toList()).as(sku)
                    .isEqualTo(orders.stream().filter(order -> order.startsWith(sku)).toList());
        }
        assertThat(parkings).isEmpty();
    }

    /**
     * While the broker stays away, each look tries a waiting event early, and its failure is not
     * counted: the event keeps its attempts and its pause, and is not parked sooner for the tries.
     */
    @Test
    void anEarlyTryThatFailsLeavesTheEventsAttemptsAndPauseAsTheyWere() {
        MessageBus bus = builder(NO_GRACE.withRetries(new RetryPolicy(3, Duration.ofHours(1), Duration.ofHours(4)))).build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        brokerUp.set(false);
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.dispatcher().dispatchDue();
        List<PendingEvent> waiting = retryingPublish();
        assertThat(waiting).hasSize(1);

        for (int look = 0; look < 10; look++) {
            clock.move(Duration.ofMillis(20));
            assertThat(bus.dispatcher().dispatchDue()).as("events seen through").isZero();
        }

        assertThat(publishAttempts).as("the first attempt, then one early try per look").hasValue(11);
        assertThat(retryingPublish()).isEqualTo(waiting);
        assertThat(parkings).isEmpty();
    }

    /**
     * A failure and a success of the effect at the same moment are no outage: the failed event
     * keeps its pause. Failures for a poll interval are one: the next look tries the oldest waiting
     * event early, and its success has every waiting event published at once.
     */
    @Test
    void aSuccessEndsAnOutageOnlyAfterAPollIntervalOfFailures() {
        MessageBus bus = bus();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(CreateBatch.inWarehouse("b2", "DESK", 10));
        brokerUp.set(false);
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.dispatcher().dispatchDue();
        brokerUp.set(true);
        bus.handle(new Allocate("o2", "DESK", 1));
        bus.dispatcher().dispatchDue();

        assertThat(published).as("a failure and a success at the same moment").containsExactly("o2");
        assertThat(retryingPublish()).hasSize(1);

        brokerUp.set(false);
        bus.handle(new Allocate("o3", "DESK", 1));
        bus.dispatcher().dispatchDue();
        clock.move(NO_GRACE.pollInterval());
        brokerUp.set(true);
        bus.dispatcher().dispatchDue();

        assertThat(published).as("a poll interval after the failure").containsExactlyInAnyOrder("o2", "o1", "o3");
        assertThat(retryingPublish()).isEmpty();
    }

    /**
     * An early try that succeeds records that effect done and leaves the event to its other
     * effect, still failing, which finishes it at its own retry; the first is not run again.
     */
    @Test
    void anEarlyTryThatSucceedsLeavesTheEventToItsOtherEffect() {
        AtomicBoolean auditUp = new AtomicBoolean(false);
        MessageBus bus = builder(NO_GRACE.withRetries(new RetryPolicy(20, BACKOFF, BACKOFF.multipliedBy(4))))
                .effect(Allocated.class, "audit", (event, id) -> {
                    if (!auditUp.get()) {
                        throw new IllegalStateException("audit log away");
                    }
                })
                .build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        brokerUp.set(false);
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.dispatcher().dispatchDue();
        clock.move(NO_GRACE.pollInterval());
        brokerUp.set(true);
        bus.dispatcher().dispatchDue();

        PendingEvent pending = onlyPendingEvent();
        assertThat(published).containsExactly("o1");
        assertThat(progressOf(pending, "publish")).isEqualTo(HandlerProgress.done());
        assertThat(progressOf(pending, "audit").status()).isEqualTo(HandlerProgress.Status.RETRYING);

        auditUp.set(true);
        clock.set(progressOf(pending, "audit").retryAt().orElseThrow());
        bus.dispatcher().dispatchDue();

        assertThat(published).as("published once").containsExactly("o1");
        assertThat(outboxIsEmpty()).isTrue();
    }

    /**
     * A look leaves a product's later events while its first is claimed elsewhere, and a
     * product whose first event waits for a retry of one effect has its later events wait too.
     */
    @Test
    void aLookLeavesTheLaterEventsOfAProductWhoseFirstIsClaimedElsewhereOrWaits() {
        AtomicBoolean auditUp = new AtomicBoolean(false);
        List<String> audited = Collections.synchronizedList(new ArrayList<>());
        MessageBus bus = builder(NO_GRACE).effect(Allocated.class, "audit", (event, id) -> {
            if (!auditUp.get()) {
                throw new IllegalStateException("audit log away");
            }
            audited.add(event.orderId());
        }).build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        auditUp.set(true);
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.handle(new Allocate("o2", "LAMP", 1));
        UUID first = dueNow().get(0).recorded().id();

        try (OutboxUnitOfWork elsewhere = database.start()) {
            assertThat(elsewhere.outbox().claim(List.of(first), Set.of())).hasSize(1);
            bus.dispatcher().dispatchDue();
            assertThat(published).as("while the first is claimed elsewhere").isEmpty();
        }
        bus.dispatcher().dispatchDue();
        assertThat(published).containsExactly("o1", "o2");

        auditUp.set(false);
        bus.handle(new Allocate("o3", "LAMP", 1));
        bus.handle(new Allocate("o4", "LAMP", 1));
        bus.dispatcher().dispatchDue();
        assertThat(published).as("published up to the event whose audit waits").containsExactly("o1", "o2", "o3");
        assertThat(audited).containsExactly("o1", "o2");
    }

    /**
     * An event with a unit-of-work handler due and an effect left is dispatched alone: the handler
     * runs, then the effect, and the event is finished.
     */
    @Test
    void anEventWithAHandlerDueAndAnEffectLeftHasBothRun() {
        AtomicInteger counted = new AtomicInteger();
        MessageBus bus = builder(NO_GRACE).event(Allocated.class, "count", (event, uow) -> {
            if (counted.incrementAndGet() == 1) {
                throw new IllegalStateException("count away, once");
            }
        }).build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        assertThat(counted).hasValue(1);

        clock.move(BACKOFF);
        assertThat(bus.dispatcher().dispatchDue()).isEqualTo(1);

        assertThat(counted).hasValue(2);
        assertThat(published).containsExactly("o1");
        assertThat(outboxIsEmpty()).isTrue();
    }

    private List<PendingEvent> retryingPublish() {
        try (OutboxUnitOfWork uow = database.start()) {
            return uow.outbox().retrying("publish", 10);
        }
    }

    @Test
    void aUnitOfWorkHandlerDoneWithAnEventIsNotRunAgainWhenItsEffectIsRetried() {
        AtomicInteger counted = new AtomicInteger();
        MessageBus bus = builder(NO_GRACE).event(Allocated.class, "count", (event, uow) -> counted.incrementAndGet()).build();
        brokerUp.set(false);
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        assertThat(counted).hasValue(1);

        brokerUp.set(true);
        clock.move(BACKOFF);
        bus.dispatcher().dispatchDue();

        assertThat(published).containsExactly("o1");
        assertThat(counted).as("done before the effect failed").hasValue(1);
    }

    @Test
    void theOldestPendingEventAgesUntilItIsDoneAndAParkedOneIsNotWaitedOn() {
        MessageBus bus = bus();
        assertThat(bus.dispatcher().oldestPendingAge()).isZero();
        brokerUp.set(false);
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));

        clock.move(Duration.ofSeconds(-10));
        assertThat(bus.dispatcher().oldestPendingAge()).as("a clock set back is no negative age").isZero();
        clock.move(Duration.ofSeconds(100));
        assertThat(bus.dispatcher().oldestPendingAge()).isEqualTo(Duration.ofSeconds(90));

        brokerUp.set(true);
        bus.dispatcher().dispatchDue();
        assertThat(published).containsExactly("o1");
        assertThat(bus.dispatcher().oldestPendingAge()).as("nothing pending").isZero();
    }

    @Test
    void nothingIsTakenUpBeforeTheGracePeriodEndsThenEveryDueEventOfAProductInOrderInOneLook() {
        MessageBus bus = builder(NO_GRACE.withGracePeriod(Duration.ofMinutes(5))).build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.handle(new Allocate("o2", "LAMP", 1));

        assertThat(bus.dispatcher().dispatchDue()).isZero();
        clock.move(Duration.ofMinutes(4));
        assertThat(bus.dispatcher().dispatchDue()).isZero();
        assertThat(published).isEmpty();

        clock.move(Duration.ofMinutes(1));
        assertThat(bus.dispatcher().dispatchDue()).isEqualTo(2);
        assertThat(published).containsExactly("o1", "o2");
        assertThat(bus.dispatcher().dispatchDue()).isZero();
        assertThat(outboxIsEmpty()).isTrue();
    }

    @Test
    void aFailedEffectIsRecordedAndTriedAgainWhenItsBackoffEndsThenParkedAfterTheLastAttempt() {
        MessageBus bus = bus();
        brokerUp.set(false);
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));

        Instant firstTry = clock.instant();
        assertThat(bus.dispatcher().dispatchDue()).isZero();
        HandlerProgress first = progressOf(onlyPendingEvent(), "publish");
        assertThat(first.status()).isEqualTo(HandlerProgress.Status.RETRYING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("broker away");
        Instant retryAt = first.retryAt().orElseThrow();
        assertThat(retryAt).isAfter(firstTry).isBeforeOrEqualTo(firstTry.plus(BACKOFF));

        clock.set(retryAt.minusNanos(1));
        assertThat(bus.dispatcher().dispatchDue()).isZero();
        assertThat(progressOf(onlyPendingEvent(), "publish").attempts()).as("not due before its backoff ends").isEqualTo(1);

        clock.set(retryAt);
        bus.dispatcher().dispatchDue();
        HandlerProgress second = progressOf(onlyPendingEvent(), "publish");
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.retryAt().orElseThrow()).isAfter(retryAt).isBeforeOrEqualTo(retryAt.plus(BACKOFF.multipliedBy(2)));

        assertThat(bus.dispatcher().backlog(10)).as("not due until its retry").isZero();
        clock.set(second.retryAt().orElseThrow());
        assertThat(bus.dispatcher().backlog(10)).isEqualTo(1);
        bus.dispatcher().dispatchDue();
        assertThat(onlyPendingEvent()).as("an event with only parked handlers is not due").isNull();
        assertThat(bus.dispatcher().backlog(10)).isZero();
        PendingEvent parked = bus.dispatcher().parked(10).get(0);
        assertThat(parkings).containsExactly("publish on " + parked.recorded().id() + ": "
                + HandlerProgress.parked(3, "java.lang.IllegalStateException: broker away"));
        assertThat(progressOf(parked, "publish")).isEqualTo(HandlerProgress.parked(3,
                "java.lang.IllegalStateException: broker away"));
        assertThat(logged.at(Level.ERROR)).singleElement().asString()
                .contains("publish gave up on Allocated[orderId=o1", parked.recorded().id().toString(), "after 3 attempts");

        clock.move(Duration.ofDays(1));
        assertThat(bus.dispatcher().dispatchDue()).isZero();
        brokerUp.set(true);
        assertThat(published).isEmpty();
        assertThat(bus.dispatcher().replay(parked.recorded().id(), "publish")).isTrue();
        assertThat(logged.at(Level.INFO)).singleElement().asString().contains("publish", "replayed");
        assertThat(bus.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(published).containsExactly("o1");
        assertThat(outboxIsEmpty()).isTrue();
    }

    @Test
    void replayingAHandlerThatIsNotParkedChangesNothingAndSaysSo() {
        MessageBus bus = bus();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        UUID id = onlyPendingEvent().recorded().id();

        assertThat(bus.dispatcher().replay(id, "publish")).isFalse();
        assertThat(bus.dispatcher().replay(UUID.randomUUID(), "publish")).isFalse();
        assertThat(logged.at(Level.INFO)).isEmpty();
        assertThat(progressOf(onlyPendingEvent(), "publish")).isNull();
    }

    @Test
    void aProductWhoseEffectFailedHoldsBackItsLaterEventsWhileOtherProductsGoOn() {
        AtomicInteger calls = new AtomicInteger();
        publish = (event, id) -> {
            if (event.orderId().equals("o1") && calls.incrementAndGet() == 1) {
                throw new IllegalStateException("broker away, once");
            }
            published.add(event.orderId());
        };
        MessageBus bus = bus();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(CreateBatch.inWarehouse("b2", "DESK", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.handle(new Allocate("o2", "LAMP", 1));
        bus.handle(new Allocate("o3", "DESK", 1));

        assertThat(bus.dispatcher().dispatchDue()).as("o1 failed: the look tries the broker no more").isZero();
        assertThat(bus.dispatcher().dispatchDue()).as("o3 at the next look").isEqualTo(1);
        assertThat(published).containsExactly("o3");
        assertThat(bus.dispatcher().dispatchDue()).as("o2 waits behind o1's backoff").isZero();

        clock.move(BACKOFF);
        while (bus.dispatcher().dispatchDue() > 0) {
            // until nothing is due
        }
        assertThat(published).containsExactly("o3", "o1", "o2");
        assertThat(outboxIsEmpty()).isTrue();
    }

    @Test
    void aHandlerDoneWithAnEventIsNotRunAgainWhenAnotherOfItsHandlersFails() {
        AtomicInteger audits = new AtomicInteger();
        AtomicInteger counts = new AtomicInteger();
        MessageBus bus = builder(NO_GRACE)
                .effect(Allocated.class, "audit", (event, id) -> {
                    if (audits.incrementAndGet() == 1) {
                        throw new IllegalStateException("audit log away");
                    }
                })
                .event(Deallocated.class, "count", (event, uow) -> {
                    if (counts.incrementAndGet() == 1) {
                        throw new IllegalStateException("connection lost");
                    }
                })
                .build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(CreateBatch.inWarehouse("b2", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 10));
        bus.handle(new ChangeBatchQuantity("b1", 0));

        assertThat(reallocations).as("the handler that worked, on the committing thread").hasValue(1);
        assertThat(counts).hasValue(1);
        assertThat(heldBy("b2")).isEqualTo(10);

        dispatchUntilTheOutboxIsEmpty(bus);

        assertThat(reallocations).as("done once, not run again").hasValue(1);
        assertThat(counts).hasValue(2);
        assertThat(audits).as("failed for o1's first allocation, then once for it and once for its reallocation")
                .hasValue(3);
        assertThat(published).containsExactly("o1", "o1");
        assertThat(heldBy("b2")).isEqualTo(10);
        assertThat(outboxIsEmpty()).isTrue();
    }

    @Test
    void aFailedUnitOfWorkHandlerIsRecordedThenRunOnItsScheduleAndTheEventsItLeadsToFollow() {
        AtomicInteger runs = new AtomicInteger();
        EventHandler<Deallocated> working = reallocate;
        reallocate = (event, uow) -> {
            if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("connection lost");
            }
            working.handle(event, uow);
        };
        List<String> kept = Collections.synchronizedList(new ArrayList<>());
        MessageBus bus = builder(NO_GRACE)
                .event(Allocated.class, "keep", (event, uow) -> kept.add(event.orderId() + "@" + event.batchReference()))
                .build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(CreateBatch.inWarehouse("b2", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 10));
        bus.dispatcher().dispatchDue();
        published.clear();
        Instant failedAt = clock.instant();

        bus.handle(new ChangeBatchQuantity("b1", 0));

        assertThat(heldBy("b2")).isZero();
        HandlerProgress failed = progressOf(onlyPendingEvent(), "reallocate");
        assertThat(failed.status()).isEqualTo(HandlerProgress.Status.RETRYING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("java.lang.IllegalStateException: connection lost");
        assertThat(failed.retryAt().orElseThrow()).isAfter(failedAt).isBeforeOrEqualTo(failedAt.plus(BACKOFF));
        assertThat(logged.at(Level.WARNING)).anyMatch(message -> message.contains("reallocate failed on Deallocated"));
        assertThat(bus.dispatcher().dispatchDue()).as("not before its backoff").isZero();

        clock.set(failed.retryAt().orElseThrow());
        assertThat(bus.dispatcher().dispatchDue()).as("failed again").isZero();
        HandlerProgress failedTwice = progressOf(onlyPendingEvent(), "reallocate");
        assertThat(failedTwice.attempts()).isEqualTo(2);

        clock.set(failedTwice.retryAt().orElseThrow());
        assertThat(bus.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(runs).hasValue(3);
        assertThat(heldBy("b2")).isEqualTo(10);
        assertThat(kept).as("the reallocation's event, handled at once").containsExactly("o1@b1", "o1@b2");
        assertThat(published).as("its effect waits for the next look").isEmpty();

        assertThat(bus.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(published).containsExactly("o1");
        assertThat(outboxIsEmpty()).isTrue();
    }

    @Test
    void anEffectThatSucceededWhileAnotherWaitsForItsRetryLeavesTheEventUntilThatRetry() {
        AtomicInteger audits = new AtomicInteger();
        MessageBus bus = builder(NO_GRACE.withRetries(new RetryPolicy(20, BACKOFF, BACKOFF.multipliedBy(4))))
                .effect(Allocated.class, "audit", (event, id) -> {
                    if (audits.incrementAndGet() == 1) {
                        throw new IllegalStateException("audit log away, once");
                    }
                })
                .build();
        brokerUp.set(false);
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.dispatcher().dispatchDue();

        // Move to the earliest retry until the audit, which fails once, has succeeded: the effects
        // are tried at their own retry times, or early while they fail, never one for the other.
        while (audits.get() < 2) {
            PendingEvent pending = onlyPendingEvent();
            Instant publishAt = progressOf(pending, "publish").retryAt().orElseThrow();
            Instant auditAt = progressOf(pending, "audit").retryAt().orElseThrow();
            clock.set(publishAt.isBefore(auditAt) ? publishAt : auditAt);
            bus.dispatcher().dispatchDue();
        }
        assertThat(progressOf(onlyPendingEvent(), "audit")).isEqualTo(HandlerProgress.done());

        Instant publishAt = progressOf(onlyPendingEvent(), "publish").retryAt().orElseThrow();
        assertThat(publishAt).isAfter(clock.instant());
        assertThat(dueNow()).as("not due again before the publication's retry").isEmpty();
        brokerUp.set(true);
        clock.set(publishAt);
        assertThat(bus.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(audits).hasValue(2);
        assertThat(published).containsExactly("o1");
    }

    @Test
    void aProductsLaterEventsWaitBehindOneWhoseHandlerFailedOnTheCommittingThread() {
        List<String> reallocated = Collections.synchronizedList(new ArrayList<>());
        EventHandler<Deallocated> working = reallocate;
        reallocate = (event, uow) -> {
            if (reallocated.isEmpty() && reallocations.get() == 0) {
                reallocations.incrementAndGet();
                throw new IllegalStateException("connection lost");
            }
            working.handle(event, uow);
            reallocated.add(event.orderId());
        };
        MessageBus bus = bus();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(CreateBatch.inWarehouse("b2", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 5));
        bus.handle(new Allocate("o2", "LAMP", 5));

        unitsOfWorkStarted.set(0);
        bus.handle(new ChangeBatchQuantity("b1", 0));

        assertThat(reallocated).as("the second deallocation waits behind the first").isEmpty();
        assertThat(unitsOfWorkStarted).as("the command, the failed reallocation and its record; none for the second")
                .hasValue(3);
        assertThat(heldBy("b2")).isZero();
        dispatchUntilTheOutboxIsEmpty(bus);
        assertThat(reallocated).containsExactly("o2", "o1");
        assertThat(heldBy("b2")).isEqualTo(10);
    }

    @Test
    void noWarningWhenEveryEventIsForUnitOfWorkHandlersAlone() {
        MessageBus bus = MessageBus.builder(database)
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity)
                .event(Allocated.class, "keep", (event, uow) -> {})
                .clock(clock)
                .logger(logged)
                .build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));

        assertThat(logged.at(Level.WARNING)).isEmpty();
        assertThat(outboxIsEmpty()).isTrue();
    }

    @Test
    void aParkedUnitOfWorkHandlerIsNotRunAgainUntilReplayedWhileTheEventsEffectsGoOn() {
        AtomicInteger counts = new AtomicInteger();
        AtomicBoolean countable = new AtomicBoolean();
        MessageBus bus = builder(NO_GRACE)
                .event(Allocated.class, "count", (event, uow) -> {
                    counts.incrementAndGet();
                    if (!countable.get()) {
                        throw new IllegalStateException("counter away");
                    }
                })
                .build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));

        for (int round = 0; round < 10; round++) {
            clock.move(BACKOFF.multipliedBy(4));
            bus.dispatcher().dispatchDue();
        }

        assertThat(counts).as("three attempts, then parked").hasValue(3);
        assertThat(published).as("the effect did not wait for it").containsExactly("o1");
        PendingEvent parked = bus.dispatcher().parked(10).get(0);
        assertThat(parked.progressOf("count").orElseThrow().status()).isEqualTo(HandlerProgress.Status.PARKED);
        assertThat(parked.isDone("publish")).isTrue();

        countable.set(true);
        assertThat(bus.dispatcher().replay(parked.recorded().id(), "count")).isTrue();
        assertThat(bus.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(counts).hasValue(4);
        assertThat(published).as("not published twice").containsExactly("o1");
        assertThat(outboxIsEmpty()).isTrue();
    }

    @Test
    void anEventNoHandlerWantsIsForgottenAtTheFirstLook() {
        MessageBus bus = bus();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 1));
        bus.handle(new Allocate("o1", "LAMP", 5));

        assertThat(onlyPendingEvent().recorded().event()).isEqualTo(new OutOfStock("LAMP"));
        assertThat(bus.dispatcher().dispatchDue()).isEqualTo(1);
        assertThat(outboxIsEmpty()).isTrue();
    }

    @Test
    void aCommitWhileNoDispatcherRunsWarnsOnceThatEffectsWait() {
        MessageBus bus = bus();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        bus.handle(new Allocate("o2", "LAMP", 1));

        assertThat(logged.at(Level.WARNING)).singleElement().asString().contains("start the dispatcher");
        assertThat(published).isEmpty();
    }

    @Test
    void aDispatcherStartsOnceRunsUntilClosedAndTakesNothingUpAfterwards() {
        MessageBus bus = builder(NO_GRACE.withPollInterval(Duration.ofHours(1))).build();
        EventDispatcher dispatcher = bus.dispatcher();
        assertThat(dispatcher.isRunning()).isFalse();

        dispatcher.start();
        assertThat(dispatcher.isRunning()).isTrue();
        assertThat(dispatcherThreads()).containsExactlyInAnyOrder("allocation-dispatcher", "allocation-effects-0");
        assertThatIllegalStateException().isThrownBy(dispatcher::start).withMessageContaining("starts once");

        assertTimeout(Duration.ofSeconds(5), dispatcher::close, "stopped without waiting for the next poll");
        assertThat(dispatcher.isRunning()).isFalse();
        assertThat(dispatcherThreads()).isEmpty();
        dispatcher.close();

        brokerUp.set(false);
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 1));
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(progressOf(onlyPendingEvent(), "publish")).as("not tried").isNull();
    }

    @Test
    void aDispatcherThatCannotReachTheOutboxSaysSoOnceAndAgainWhenItCan() {
        AtomicBoolean databaseUp = new AtomicBoolean(true);
        MessageBus bus = MessageBus.builder(() -> {
                    if (!databaseUp.get()) {
                        throw new IllegalStateException("database away");
                    }
                    return database.start();
                })
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity)
                .dispatcherSettings(NO_GRACE.withPollInterval(Duration.ofMillis(1)))
                .logger(logged)
                .build();
        databaseUp.set(false);
        bus.dispatcher().start();
        try {
            logged.awaitAtLeast(Level.WARNING, 1);
            Thread.sleep(50);
            assertThat(logged.at(Level.WARNING)).singleElement().asString()
                    .contains("cannot read the outbox", "database away");

            databaseUp.set(true);
            logged.awaitAtLeast(Level.INFO, 1);
            Thread.sleep(50);
            assertThat(logged.at(Level.INFO)).singleElement().asString().contains("reaches the outbox again");
            assertThat(logged.at(Level.WARNING)).hasSize(1);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        } finally {
            bus.dispatcher().close();
        }
    }

    /** Moves the clock past any backoff and dispatches, until nothing is left. */
    private void dispatchUntilTheOutboxIsEmpty(MessageBus bus) {
        for (int round = 0; round < 20 && !outboxIsEmpty(); round++) {
            clock.move(BACKOFF.multipliedBy(4));
            bus.dispatcher().dispatchDue();
        }
        assertThat(outboxIsEmpty()).isTrue();
    }

    private static Set<String> dispatcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("allocation-"))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static HandlerProgress progressOf(PendingEvent pending, String handler) {
        return pending.progressOf(handler).orElse(null);
    }

    /** The one event pending in the outbox, whenever it is due; {@code null} when none is. */
    private PendingEvent onlyPendingEvent() {
        try (OutboxUnitOfWork uow = database.start()) {
            Instant later = Instant.MAX;
            List<PendingEvent> pending = uow.outbox().due(later, later, 10);
            assertThat(pending).hasSizeLessThan(2);
            return pending.isEmpty() ? null : pending.get(0);
        }
    }

    private List<PendingEvent> dueNow() {
        try (OutboxUnitOfWork uow = database.start()) {
            return uow.outbox().due(clock.instant(), clock.instant(), 10);
        }
    }

    private boolean outboxIsEmpty() {
        try (OutboxUnitOfWork uow = database.start()) {
            return uow.outbox().due(Instant.MAX, Instant.MAX, 10).isEmpty() && uow.outbox().parked(10).isEmpty();
        }
    }

    private int heldBy(String reference) {
        try (OutboxUnitOfWork uow = database.start()) {
            return uow.products().get("LAMP").orElseThrow().batch(reference).orElseThrow().allocatedQuantity();
        }
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T09:00:00Z");

        void move(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("one zone is enough here");
        }
    }
}
