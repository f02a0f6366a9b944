package io.github.cosmicarch.allocation.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.Outbox;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract of the {@link Outbox}, the events commits store until every handler is done with
 * them: what the message bus's dispatcher relies on from any storage adapter. Extend it and
 * implement {@link #unitsOfWork()}:
 *
 * <pre>{@code
 * class MyOutboxTest extends OutboxContract {
 *     private static final MyDatabase DATABASE = MyDatabase.forTests();
 *
 *     @Override
 *     protected UnitOfWorkFactory unitsOfWork() {
 *         return DATABASE::newUnitOfWork;
 *     }
 * }
 * }</pre>
 *
 * <p>What the contract allows and expects beyond the port's javadoc:
 *
 * <ul>
 *   <li>the database may be shared with other tests, whose events stay stored: every test looks
 *       only at the events and products of its own, claimed by id or picked out of
 *       {@link Outbox#due} and {@link Outbox#parked} answers asked for up to
 *       10,000 events;</li>
 *   <li>an adapter may keep instants to the millisecond and no finer: the retry time of a
 *       handler's progress is compared to the millisecond;</li>
 *   <li>an adapter may time its events by the database's clock: "now" is taken five
 *       seconds after the test's clock, so that a database clock a little ahead of
 *       the test's still finds the events it just stored due;</li>
 *   <li>a claim of events another unit of work holds leaves them out at once, as {@code SKIP
 *       LOCKED} does: it never waits for the other unit of work to end. The contract makes such a
 *       claim from another thread and fails when it does not answer within ten
 *       seconds.</li>
 * </ul>
 */
public abstract class OutboxContract {

    /** The most events asked of {@link Outbox#due} and {@link Outbox#parked}: enough for a shared database. */
    private static final int LIMIT = 10_000;

    /** How long a claim from another thread may take before the contract calls it blocked. */
    private static final int CLAIM_TIMEOUT_SECONDS = 10;

    /** How far ahead of the test's clock the database's clock may be. */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

    private static final String HANDLER = "notify-warehouse";
    private static final String OTHER_HANDLER = "update-read-model";

    private final UniqueIds ids = new UniqueIds();
    private final String sku = ids.of("SKU");
    private final String batchReference = ids.of("batch");

    /** Creates the contract. */
    protected OutboxContract() {}

    /**
     * The adapter under test. Called once per test, or more; may answer the same factory every
     * time.
     *
     * @return a factory of units of work on the adapter's storage
     */
    protected abstract UnitOfWorkFactory unitsOfWork();

    /**
     * A commit stores every event its product recorded, each with an id of its own, and a claim in
     * another unit of work answers them as recorded, in the order they were recorded whatever the
     * order of the ids asked for, with no progress yet.
     */
    @Test
    public void aCommitStoresItsEventsInOrderWithIdsOfTheirOwn() {
        givenAProductWithOneBatch(10);
        String orderId = ids.of("order");
        String tooBigOrderId = ids.of("too-big-order");

        List<RecordedEvent> stored = committing(uow -> {
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 3));
            StorageSteps.allocate(uow, new OrderLine(tooBigOrderId, sku, 100));
        });

        assertEquals(List.of(new Allocated(orderId, sku, 3, batchReference), new OutOfStock(sku)), eventsOf(stored));
        assertEquals(2, Set.copyOf(idsOf(stored)).size(), "distinct ids: " + stored);
        List<PendingEvent> claimed = claimed(List.of(stored.get(1).id(), stored.get(0).id()));
        assertEquals(withoutProgress(stored), claimed);
    }

    /**
     * A product that cannot take a line does not change, but the {@link OutOfStock} it records is
     * stored all the same.
     */
    @Test
    public void anOutOfStockIsStoredThoughTheProductDidNotChange() {
        givenAProductWithOneBatch(10);

        List<RecordedEvent> stored = committing(uow -> StorageSteps.allocate(uow, new OrderLine(ids.of("order"), sku, 11)));

        assertEquals(List.of(new OutOfStock(sku)), eventsOf(stored));
        assertEquals(withoutProgress(stored), claimed(idsOf(stored)));
    }

    /**
     * The events of a unit of work rolled back, of one closed without commit and of one that
     * commits only after a rollback are never stored: none is collected, none of the product's is
     * due, and a claim of an id no commit gave finds nothing.
     */
    @Test
    public void eventsOfWorkNotCommittedAreNotStored() {
        givenAProductWithOneBatch(10);

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            StorageSteps.allocate(uow, new OrderLine(ids.of("rolled-back"), sku, 3));
            StorageSteps.allocate(uow, new OrderLine(ids.of("rolled-back-too-big"), sku, 100));
            uow.rollback();
            assertEquals(List.of(), uow.collectNewEvents(), "events collected after a rollback");
            uow.commit();
            assertEquals(List.of(), uow.collectNewEvents(), "events collected by a commit after a rollback");
        }
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            StorageSteps.allocate(uow, new OrderLine(ids.of("never-committed"), sku, 3));
        }

        assertEquals(List.of(), dueOf(sku), "due events of a product whose events were never committed");
        assertEquals(List.of(), claimed(List.of(UUID.randomUUID())), "events claimed by an id never given");
    }

    /**
     * A handler's progress is written by the commit and by nothing else: recorded and rolled back,
     * or recorded in a unit of work closed without commit, it is not there; recorded and
     * committed, it is there for that handler alone.
     */
    @Test
    public void progressIsWrittenOnlyByACommit() {
        givenAProductWithOneBatch(10);
        UUID id = allocatedAndCommitted(3).id();

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertEquals(List.of(id), idsOfPending(uow.outbox().claim(List.of(id), Set.of())));
            uow.outbox().record(id, HANDLER, HandlerProgress.done());
            uow.rollback();
            uow.commit();
        }
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertEquals(List.of(id), idsOfPending(uow.outbox().claim(List.of(id), Set.of())));
            uow.outbox().record(id, HANDLER, HandlerProgress.done());
        }
        assertEquals(Map.of(), onlyClaimed(id).progress(), "progress after a rollback and a close without commit");

        writing(List.of(id), outbox -> outbox.record(id, HANDLER, HandlerProgress.done()));

        PendingEvent claimed = onlyClaimed(id);
        assertEquals(Map.of(HANDLER, HandlerProgress.done()), claimed.progress());
        assertTrue(claimed.isDone(HANDLER), HANDLER + " is done");
        assertFalse(claimed.isDone(OTHER_HANDLER), OTHER_HANDLER + " is done");
    }

    /**
     * Progress written by a unit of work that claimed and read nothing is committed all the same:
     * a handler's mark recorded alone is there afterwards, and an event finished alone is gone.
     */
    @Test
    public void progressIsCommittedByAUnitOfWorkThatReadNothing() {
        givenAProductWithOneBatch(10);
        UUID recorded = allocatedAndCommitted(3).id();
        UUID finished = allocatedAndCommitted(3).id();

        StorageSteps.inUnitOfWork(unitsOfWork(), uow -> {
            uow.outbox().record(recorded, HANDLER, HandlerProgress.done());
            uow.commit();
        });
        StorageSteps.inUnitOfWork(unitsOfWork(), uow -> {
            uow.outbox().finished(finished);
            uow.commit();
        });

        assertEquals(Map.of(HANDLER, HandlerProgress.done()), onlyClaimed(recorded).progress(), "the recorded mark");
        assertEquals(List.of(), claimed(List.of(finished)), "claimed after it was finished");
    }

    /**
     * A claim of no events, or only of events that are not there (never stored, or gone), claims
     * nothing.
     */
    @Test
    public void aClaimOfNothingOrOfEventsNotThereClaimsNothing() {
        givenAProductWithOneBatch(10);
        UUID gone = allocatedAndCommitted(3).id();
        writing(List.of(gone), outbox -> outbox.finished(gone));

        assertEquals(List.of(), claimed(List.of()), "a claim of no events");
        assertEquals(List.of(), claimed(List.of(UUID.randomUUID())), "a claim of an event never stored");
        assertEquals(List.of(), claimed(List.of(gone, UUID.randomUUID())), "a claim of events gone or never stored");
    }

    /**
     * Asked for events on both sides of a pending one it was not asked for, a claim answers those
     * stored before it and leaves out those stored after it.
     */
    @Test
    public void aClaimAnswersTheEventsBeforeTheFirstPendingOneNotAskedFor() {
        givenAProductWithOneBatch(10);
        UUID first = allocatedAndCommitted(2).id();
        allocatedAndCommitted(2);
        UUID third = allocatedAndCommitted(2).id();

        assertEquals(List.of(first), idsOfPending(claimed(List.of(third, first))));
    }

    /**
     * An event every handler finished with is gone once the commit went through: a claim leaves it
     * out and it is no longer due. Finished and rolled back, it stays.
     */
    @Test
    public void aFinishedEventIsGone() {
        givenAProductWithOneBatch(10);
        UUID id = allocatedAndCommitted(3).id();
        assertEquals(List.of(id), idsOfPending(dueOf(sku)), "due before it was finished");

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertEquals(List.of(id), idsOfPending(uow.outbox().claim(List.of(id), Set.of())));
            uow.outbox().finished(id);
            uow.rollback();
        }
        assertEquals(List.of(id), idsOfPending(claimed(List.of(id))), "claimed after finished and rolled back");

        writing(List.of(id), outbox -> outbox.finished(id));

        assertEquals(List.of(), claimed(List.of(id)), "claimed after it was finished");
        assertEquals(List.of(), dueOf(sku), "due after it was finished");
    }

    /**
     * An event claimed by one unit of work is left out of another's claim, at once, until the
     * first commits; then the other claims it.
     *
     * @throws Exception when the other thread fails otherwise
     */
    @Test
    public void aClaimHoldsAnEventUntilItsUnitOfWorkCommits() throws Exception {
        givenAProductWithOneBatch(10);
        UUID id = allocatedAndCommitted(3).id();

        try (OutboxUnitOfWork holder = unitsOfWork().start()) {
            assertEquals(List.of(id), idsOfPending(holder.outbox().claim(List.of(id), Set.of())), "claimed by the holder");
            assertEquals(List.of(), claimedInAnotherThread(List.of(id)), "claimed by another while held");
            holder.outbox().record(id, HANDLER, HandlerProgress.done());
            holder.commit();

            List<PendingEvent> afterCommit = claimedInAnotherThread(List.of(id));
            assertEquals(List.of(id), idsOfPending(afterCommit), "claimed by another after the holder committed");
            assertEquals(Map.of(HANDLER, HandlerProgress.done()), afterCommit.get(0).progress());
        }
    }

    /**
     * An event claimed by one unit of work is left out of another's claim, at once, until the
     * first is closed without commit; then the other claims it.
     *
     * @throws Exception when the other thread fails otherwise
     */
    @Test
    public void aClaimHoldsAnEventUntilItsUnitOfWorkCloses() throws Exception {
        givenAProductWithOneBatch(10);
        UUID id = allocatedAndCommitted(3).id();

        try (OutboxUnitOfWork holder = unitsOfWork().start()) {
            assertEquals(List.of(id), idsOfPending(holder.outbox().claim(List.of(id), Set.of())), "claimed by the holder");
            assertEquals(List.of(), claimedInAnotherThread(List.of(id)), "claimed by another while held");
        }

        assertEquals(List.of(id), idsOfPending(claimedInAnotherThread(List.of(id))),
                "claimed by another after the holder closed");
    }

    /**
     * A product's events of one type are claimed in order: a later event is left out while an
     * earlier one of the same product and type is pending and not claimed with it, claimed
     * together they come in the order they were stored, and once the earlier one is finished the
     * later one is claimed alone.
     */
    @Test
    public void aProductsEventsAreClaimedInOrder() {
        givenAProductWithOneBatch(10);
        UUID first = allocatedAndCommitted(3).id();
        UUID second = allocatedAndCommitted(3).id();

        assertEquals(List.of(), claimed(List.of(second)), "the later event claimed while the earlier is pending");
        assertEquals(List.of(first, second), idsOfPending(claimed(List.of(second, first))), "both claimed together");

        writing(List.of(first), outbox -> outbox.finished(first));

        assertEquals(List.of(second), idsOfPending(claimed(List.of(second))), "the later event after the earlier finished");
    }

    /**
     * Order is kept per handler: claimed for some handlers, a later event is held back only by an
     * earlier pending event that one of those handlers has not finished, or waits to retry. A
     * handler done with the earlier event, or parked on it, goes on; another handler waits.
     */
    @Test
    public void aHandlerDoneWithAnEarlierEventIsNotHeldBackByIt() {
        givenAProductWithOneBatch(10);
        UUID first = allocatedAndCommitted(3).id();
        UUID second = allocatedAndCommitted(3).id();
        writing(List.of(first), outbox -> {
            outbox.record(first, "read_model", HandlerProgress.done());
            outbox.record(first, "audit", HandlerProgress.parked(3, "gave up"));
            outbox.record(first, "mail", HandlerProgress.retrying(1, Instant.now().plusSeconds(60), "down"));
        });

        assertEquals(List.of(second), idsOfPending(claimed(List.of(second), Set.of("read_model"))), "done with it");
        assertEquals(List.of(second), idsOfPending(claimed(List.of(second), Set.of("audit"))), "parked on it");
        assertEquals(List.of(), claimed(List.of(second), Set.of("read_model", "mail")), "one of them retries it");
        assertEquals(List.of(), claimed(List.of(second), Set.of("publish")), "one that has not run on it");
        assertEquals(List.of(), claimed(List.of(second)), "every handler");
    }

    /**
     * Order is kept per product and event type: a pending event holds back the later events of its
     * product and type only. An {@link OutOfStock} stored after a pending {@link Allocated} of the
     * same product is claimed alone, and both are due; a later event of either type waits for the
     * earlier one of its own type.
     */
    @Test
    public void orderIsKeptPerProductAndEventType() {
        givenAProductWithOneBatch(10);
        UUID firstAllocated = allocatedAndCommitted(3).id();
        UUID firstOutOfStock = outOfStockAndCommitted().id();
        UUID secondAllocated = allocatedAndCommitted(3).id();
        UUID secondOutOfStock = outOfStockAndCommitted().id();

        assertEquals(List.of(firstOutOfStock), idsOfPending(claimed(List.of(firstOutOfStock))),
                "an OutOfStock claimed while an earlier Allocated is pending");
        assertEquals(List.of(firstAllocated, firstOutOfStock, secondAllocated, secondOutOfStock), idsOfPending(dueOf(sku)),
                "due events of the product, in order");
        assertEquals(List.of(), claimed(List.of(secondAllocated)), "a later Allocated claimed while the first is pending");
        assertEquals(List.of(), claimed(List.of(secondOutOfStock)), "a later OutOfStock claimed while the first is pending");
        assertEquals(List.of(firstOutOfStock, secondOutOfStock),
                idsOfPending(claimed(List.of(secondOutOfStock, firstOutOfStock))), "both OutOfStock claimed together");

        writing(List.of(firstOutOfStock), outbox -> outbox.finished(firstOutOfStock));

        assertEquals(List.of(secondOutOfStock), idsOfPending(claimed(List.of(secondOutOfStock))),
                "the later OutOfStock after the first finished");
        assertEquals(List.of(), claimed(List.of(secondAllocated)),
                "the later Allocated while the first is still pending");
        assertEquals(List.of(firstAllocated, secondAllocated, secondOutOfStock), idsOfPending(dueOf(sku)),
                "due events of the product after the first OutOfStock finished");
    }

    /**
     * An event left only to parked handlers does not hold back the later events of its product
     * and type: they are claimed alone, and the first of them is due.
     */
    @Test
    public void anEventLeftToParkedHandlersDoesNotHoldBackLaterOnes() {
        givenAProductWithOneBatch(10);
        UUID first = allocatedAndCommitted(3).id();
        UUID second = allocatedAndCommitted(3).id();
        assertEquals(List.of(), claimed(List.of(second)), "the later event claimed while the earlier is pending");

        writing(List.of(first), outbox -> {
            outbox.record(first, HANDLER, HandlerProgress.parked(5, "unreachable"));
            outbox.schedule(first, Optional.empty());
        });

        assertEquals(List.of(second), idsOfPending(claimed(List.of(second))), "the later event after the earlier was parked");
        assertEquals(List.of(second), idsOfPending(dueOf(sku)), "due events of the product");
    }

    /**
     * {@link Outbox#due} answers the pending events stored no later than {@code storedBefore},
     * oldest first, each while every earlier pending one of its product and type is due too; an
     * event scheduled for later is due once {@code now} reaches that time, and holds back the
     * later events of its product and type until then; one left only to parked handlers is never
     * due.
     */
    @Test
    public void dueAnswersEachProductsEventsInOrderUpToTheFirstWhoseTimeHasNotCome() {
        givenAProductWithOneBatch(10);
        String otherSku = ids.of("OTHER-SKU");
        StorageSteps.givenAProductWithOneBatch(unitsOfWork(), otherSku, ids.of("other-batch"), 10);
        Instant beforeStoring = Instant.now().minus(Duration.ofHours(1));
        UUID first = allocatedAndCommitted(3).id();
        UUID second = allocatedAndCommitted(3).id();
        UUID ofOtherProduct = committing(uow -> StorageSteps.allocate(uow, new OrderLine(ids.of("order"), otherSku, 1)))
                .get(0).id();
        Instant afterStoring = Instant.now().plus(CLOCK_MARGIN);

        assertEquals(List.of(), idsOfPending(dueOf(Set.of(sku, otherSku), beforeStoring, afterStoring)),
                "due events stored after storedBefore");
        assertEquals(List.of(first, second, ofOtherProduct), idsOfPending(dueOf(Set.of(sku, otherSku), afterStoring, afterStoring)),
                "due events, oldest first");
        assertEquals(Map.of(), dueOf(sku).get(0).progress(), "progress of a due event nothing handled yet");

        Instant nextAttempt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        writing(List.of(first), outbox -> {
            outbox.record(first, HANDLER, HandlerProgress.retrying(1, nextAttempt, "timeout"));
            outbox.schedule(first, Optional.of(nextAttempt));
        });
        assertEquals(List.of(), idsOfPending(dueOf(Set.of(sku), afterStoring, nextAttempt.minusSeconds(1))),
                "due events before the next attempt of the first, which holds back the second");
        List<PendingEvent> dueLater = dueOf(Set.of(sku), afterStoring, nextAttempt.plusSeconds(1));
        assertEquals(List.of(first, second), idsOfPending(dueLater), "due events after the next attempt");
        assertEquals(Optional.of(HandlerProgress.Status.RETRYING),
                dueLater.get(0).progressOf(HANDLER).map(HandlerProgress::status), "progress of the due event");

        writing(List.of(first), outbox -> {
            outbox.record(first, HANDLER, HandlerProgress.parked(2, "timeout"));
            outbox.schedule(first, Optional.empty());
        });
        assertEquals(List.of(second), idsOfPending(dueOf(Set.of(sku), afterStoring, nextAttempt.plus(Duration.ofDays(365)))),
                "due events once the first was left to parked handlers");
    }

    /**
     * Parked handlers are listed with how they failed, oldest event first; replaying one forgets
     * its failures and makes its event due again once committed, while a replay of a handler that
     * is not parked answers {@code false} and writes nothing.
     */
    @Test
    public void parkedHandlersAreListedAndReplayed() {
        givenAProductWithOneBatch(10);
        UUID first = allocatedAndCommitted(3).id();
        UUID second = allocatedAndCommitted(3).id();
        writing(List.of(first, second), outbox -> {
            outbox.record(first, HANDLER, HandlerProgress.parked(3, "boom"));
            outbox.record(first, OTHER_HANDLER, HandlerProgress.done());
            outbox.schedule(first, Optional.empty());
            outbox.record(second, HANDLER, HandlerProgress.parked(1, "bang"));
            outbox.schedule(second, Optional.empty());
        });

        List<PendingEvent> parked = parkedAmong(first, second);
        assertEquals(List.of(first, second), idsOfPending(parked), "parked events, oldest first");
        assertEquals(Map.of(HANDLER, HandlerProgress.parked(3, "boom"), OTHER_HANDLER, HandlerProgress.done()),
                parked.get(0).progress());
        assertEquals(Map.of(HANDLER, HandlerProgress.parked(1, "bang")), parked.get(1).progress());
        assertEquals(List.of(), dueOf(sku), "due events while parked");

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertFalse(uow.outbox().replay(first, OTHER_HANDLER), "replay of a handler that is done");
            assertFalse(uow.outbox().replay(first, ids.of("unknown-handler")), "replay of a handler that never ran");
            assertFalse(uow.outbox().replay(UUID.randomUUID(), HANDLER), "replay of an event never stored");
            uow.commit();
        }
        assertEquals(List.of(first, second), idsOfPending(parkedAmong(first, second)), "parked after replays that answered false");
        assertEquals(List.of(), dueOf(sku), "due events after replays that answered false");

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertTrue(uow.outbox().replay(first, HANDLER), "replay of a parked handler");
            uow.rollback();
        }
        assertEquals(List.of(first, second), idsOfPending(parkedAmong(first, second)), "parked after a replay rolled back");

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertTrue(uow.outbox().replay(first, HANDLER), "replay of a parked handler");
            uow.commit();
        }
        assertEquals(List.of(second), idsOfPending(parkedAmong(first, second)), "parked after the replay");
        List<PendingEvent> due = dueOf(sku);
        assertEquals(List.of(first), idsOfPending(due), "due events after the replay");
        assertEquals(Map.of(OTHER_HANDLER, HandlerProgress.done()), due.get(0).progress(), "progress after the replay");
        assertEquals(Map.of(OTHER_HANDLER, HandlerProgress.done()), onlyClaimed(first).progress(), "progress claimed after the replay");
    }

    /**
     * Discarding a parked handler records it as done and makes its event due again once committed,
     * the other handlers' progress kept; a discard of a handler that is not parked answers
     * {@code false} and writes nothing, and one rolled back writes nothing either.
     */
    @Test
    public void aParkedHandlerIsDiscarded() {
        givenAProductWithOneBatch(10);
        UUID id = allocatedAndCommitted(3).id();
        writing(List.of(id), outbox -> {
            outbox.record(id, HANDLER, HandlerProgress.parked(3, "boom"));
            outbox.record(id, OTHER_HANDLER, HandlerProgress.parked(1, "bang"));
            outbox.schedule(id, Optional.empty());
        });

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertFalse(uow.outbox().discard(id, ids.of("unknown-handler")), "discard of a handler that never ran");
            assertFalse(uow.outbox().discard(UUID.randomUUID(), HANDLER), "discard of an event never stored");
            assertTrue(uow.outbox().discard(id, HANDLER), "discard of a parked handler");
            uow.rollback();
        }
        assertEquals(List.of(id), idsOfPending(parkedAmong(id)), "parked after a discard rolled back");
        assertEquals(List.of(), dueOf(sku), "due events after a discard rolled back");

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertTrue(uow.outbox().discard(id, HANDLER), "discard of a parked handler");
            uow.commit();
        }
        List<PendingEvent> due = dueOf(sku);
        assertEquals(List.of(id), idsOfPending(due), "due events after the discard");
        assertEquals(Map.of(HANDLER, HandlerProgress.done(), OTHER_HANDLER, HandlerProgress.parked(1, "bang")),
                due.get(0).progress(), "progress after the discard");
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertFalse(uow.outbox().discard(id, HANDLER), "discard of a handler discarded before");
            uow.commit();
        }
    }

    /**
     * A retrying handler's progress comes back as recorded, its retry time to the millisecond, and
     * recording again replaces what was recorded before.
     */
    @Test
    public void retryingProgressComesBackAsRecorded() {
        givenAProductWithOneBatch(10);
        UUID id = allocatedAndCommitted(3).id();
        Instant wholeMillisecond = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        HandlerProgress firstFailure = HandlerProgress.retrying(1, wholeMillisecond.plusNanos(250_000), "refused");
        HandlerProgress secondFailure = HandlerProgress.retrying(2, wholeMillisecond.plusSeconds(30).plusNanos(123_456), "timeout");

        writing(List.of(id), outbox -> outbox.record(id, HANDLER, firstFailure));
        assertEquals(Map.of(HANDLER, toTheMillisecond(firstFailure)), toTheMillisecond(onlyClaimed(id).progress()),
                "progress after the first failure");

        writing(List.of(id), outbox -> outbox.record(id, HANDLER, secondFailure));
        assertEquals(Map.of(HANDLER, toTheMillisecond(secondFailure)), toTheMillisecond(onlyClaimed(id).progress()),
                "progress after the second failure");
    }

    /**
     * The events waiting to retry a handler are listed oldest first, due or not, and only those:
     * not the events the handler is done with, nor those another handler waits to retry.
     */
    @Test
    public void eventsWaitingToRetryAHandlerAreListedOldestFirst() {
        String handler = ids.of("broker");
        givenAProductWithOneBatch(10);
        UUID older = allocatedAndCommitted(1).id();
        UUID later = allocatedAndCommitted(1).id();
        UUID done = allocatedAndCommitted(1).id();
        UUID otherHandlers = allocatedAndCommitted(1).id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        writing(List.of(older, later, done, otherHandlers), outbox -> {
            outbox.record(later, handler, HandlerProgress.retrying(4, now.plus(Duration.ofMinutes(5)), "refused"));
            outbox.record(older, handler, HandlerProgress.retrying(2, now.plus(Duration.ofMinutes(10)), "refused"));
            outbox.record(done, handler, HandlerProgress.done());
            outbox.record(otherHandlers, HANDLER, HandlerProgress.retrying(1, now.plus(Duration.ofMinutes(1)), "refused"));
        });

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertEquals(List.of(older, later), idsOfPending(uow.outbox().retrying(handler, LIMIT)));
            assertEquals(List.of(older), idsOfPending(uow.outbox().retrying(handler, 1)));
            assertEquals(Map.of(handler, HandlerProgress.retrying(2, now.plus(Duration.ofMinutes(10)), "refused")),
                    toTheMillisecond(uow.outbox().retrying(handler, 1).get(0).progress()));
        }
    }

    /**
     * Retrying a handler now makes each event waiting to retry it due at once, its attempts kept,
     * once the unit of work commits; the retries of other handlers keep their time.
     */
    @Test
    public void retryingAHandlerNowMakesItsWaitingEventsDueAtOnce() {
        String handler = ids.of("broker");
        givenAProductWithOneBatch(10);
        UUID waiting = allocatedAndCommitted(1).id();
        String otherSku = ids.of("other-SKU");
        StorageSteps.givenAProductWithOneBatch(unitsOfWork(), otherSku, ids.of("other-batch"), 10);
        UUID othersWaiting = committing(uow -> StorageSteps.allocate(uow, new OrderLine(ids.of("order"), otherSku, 1)))
                .get(0).id();
        // A whole millisecond, not before the events were stored, as storage may keep their times to the millisecond.
        Instant now = Instant.now().plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        Instant inTenMinutes = now.plus(Duration.ofMinutes(10));
        Instant aMinuteAgo = now.minus(Duration.ofMinutes(1));
        writing(List.of(waiting, othersWaiting), outbox -> {
            outbox.record(waiting, handler, HandlerProgress.retrying(3, inTenMinutes, "refused"));
            outbox.schedule(waiting, Optional.of(inTenMinutes));
            outbox.record(othersWaiting, handler, HandlerProgress.retrying(1, aMinuteAgo, "refused"));
            outbox.record(othersWaiting, HANDLER, HandlerProgress.retrying(1, inTenMinutes, "refused"));
            outbox.schedule(othersWaiting, Optional.of(inTenMinutes));
        });

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            uow.outbox().retryNow(handler, now);
            uow.rollback();
        }
        assertEquals(List.of(), dueOf(Set.of(sku, otherSku), now, now), "due after a retry rolled back");

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            uow.outbox().retryNow(handler, now);
            uow.commit();
        }
        List<PendingEvent> due = dueOf(Set.of(sku, otherSku), now, now);
        assertEquals(List.of(waiting), idsOfPending(due), "due once the handler is retried now");
        assertEquals(Map.of(handler, HandlerProgress.retrying(3, now, "refused")), toTheMillisecond(due.get(0).progress()));
        assertEquals(Map.of(HANDLER, HandlerProgress.retrying(1, inTenMinutes, "refused"),
                        handler, HandlerProgress.retrying(1, aMinuteAgo, "refused")),
                toTheMillisecond(onlyClaimed(othersWaiting).progress()), "another handler's retry, and a retry already due");
    }

    /** A query for fewer than one event is a mistake of the caller, refused before storage is asked. */
    @Test
    public void aLimitBelowOneIsRefused() {
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            Instant now = Instant.now();
            IllegalArgumentException due = assertThrows(IllegalArgumentException.class, () -> uow.outbox().due(now, now, 0));
            IllegalArgumentException parked = assertThrows(IllegalArgumentException.class, () -> uow.outbox().parked(0));
            IllegalArgumentException retrying = assertThrows(IllegalArgumentException.class,
                    () -> uow.outbox().retrying(HANDLER, 0));

            assertEquals("limit must be at least 1, but was 0", due.getMessage());
            assertEquals("limit must be at least 1, but was 0", parked.getMessage());
            assertEquals("limit must be at least 1, but was 0", retrying.getMessage());
            assertEquals(List.of(), uow.outbox().parked(1).stream()
                    .filter(event -> event.recorded().event().sku().equals(sku)).toList());
        }
    }

    /**
     * Events whose order id, sku and batch reference hold characters with a meaning elsewhere
     * (ampersand, equals sign, percent sign, slash, quotes, backslash) or outside ASCII come back
     * equal to what was recorded, from a claim and from {@link Outbox#due}.
     */
    @Test
    public void eventsWithOddCharactersComeBackEqual() {
        String oddSku = ids.of("SKU&size=10%/\"ünï☃\"");
        String oddBatch = ids.of("batch&ref=%41'ünï☃'");
        String oddOrderId = ids.of("order&id=1%20ünï☃;\\");
        StorageSteps.givenAProductWithOneBatch(unitsOfWork(), oddSku, oddBatch, 10);

        List<RecordedEvent> stored = committing(uow -> {
            StorageSteps.allocate(uow, new OrderLine(oddOrderId, oddSku, 3));
            StorageSteps.allocate(uow, new OrderLine(ids.of("too-big-order&ü"), oddSku, 100));
        });

        assertEquals(List.of(new Allocated(oddOrderId, oddSku, 3, oddBatch), new OutOfStock(oddSku)), eventsOf(stored));
        assertEquals(withoutProgress(stored), claimed(idsOf(stored)));
        assertEquals(withoutProgress(stored), dueOf(oddSku), "due events of the product: the head of each type");
    }

    private RecordedEvent allocatedAndCommitted(int quantity) {
        String orderId = ids.of("order-" + UUID.randomUUID());
        List<RecordedEvent> stored = committing(uow -> StorageSteps.allocate(uow, new OrderLine(orderId, sku, quantity)));
        assertEquals(1, stored.size(), "events stored by one allocation: " + stored);
        return stored.get(0);
    }

    private RecordedEvent outOfStockAndCommitted() {
        String orderId = ids.of("too-big-order-" + UUID.randomUUID());
        List<RecordedEvent> stored = committing(uow -> StorageSteps.allocate(uow, new OrderLine(orderId, sku, 1_000)));
        assertEquals(List.of(new OutOfStock(sku)), eventsOf(stored), "events stored by an allocation out of stock");
        return stored.get(0);
    }

    /** Changes stored products in a unit of work of its own and commits it; answers the events the commit stored. */
    private List<RecordedEvent> committing(Consumer<OutboxUnitOfWork> change) {
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            change.accept(uow);
            uow.commit();
            return uow.collectNewEvents();
        }
    }

    /** Claims the events, as a dispatcher does, makes the writes and commits them, in a unit of work of its own. */
    private void writing(List<UUID> claimedFirst, Consumer<Outbox> writes) {
        StorageSteps.inUnitOfWork(unitsOfWork(), uow -> {
            assertEquals(claimedFirst, idsOfPending(uow.outbox().claim(claimedFirst, Set.of())), "claimed before writing");
            writes.accept(uow.outbox());
            uow.commit();
        });
    }

    /** Claims in a unit of work of its own, closed right after. */
    private List<PendingEvent> claimed(List<UUID> wanted) {
        return claimed(wanted, Set.of());
    }

    /** Claims for some handlers in a unit of work of its own, closed right after. */
    private List<PendingEvent> claimed(List<UUID> wanted, Set<String> handlers) {
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            return uow.outbox().claim(wanted, handlers);
        }
    }

    private PendingEvent onlyClaimed(UUID id) {
        List<PendingEvent> claimed = claimed(List.of(id));
        assertEquals(List.of(id), idsOfPending(claimed), "claimed");
        return claimed.get(0);
    }

    private List<PendingEvent> claimedInAnotherThread(List<UUID> wanted) throws InterruptedException, ExecutionException {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(() -> claimed(wanted)).get(CLAIM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException blocked) {
            return fail("a claim of events another unit of work holds did not answer within " + CLAIM_TIMEOUT_SECONDS
                    + " s: it must leave them out, not wait for them");
        } finally {
            thread.shutdownNow();
        }
    }

    /** The events of a product due by a moment from now, stored by then. */
    private List<PendingEvent> dueOf(String productSku) {
        Instant aMomentFromNow = Instant.now().plus(CLOCK_MARGIN);
        return dueOf(Set.of(productSku), aMomentFromNow, aMomentFromNow);
    }

    private List<PendingEvent> dueOf(Set<String> skus, Instant storedBefore, Instant now) {
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            return uow.outbox().due(storedBefore, now, LIMIT).stream()
                    .filter(pending -> skus.contains(pending.recorded().event().sku()))
                    .toList();
        }
    }

    private List<PendingEvent> parkedAmong(UUID... wanted) {
        Set<UUID> among = new HashSet<>(List.of(wanted));
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            return uow.outbox().parked(LIMIT).stream().filter(pending -> among.contains(pending.recorded().id())).toList();
        }
    }

    private void givenAProductWithOneBatch(int quantity) {
        StorageSteps.givenAProductWithOneBatch(unitsOfWork(), sku, batchReference, quantity);
    }

    private static Map<String, HandlerProgress> toTheMillisecond(Map<String, HandlerProgress> progress) {
        Map<String, HandlerProgress> truncated = new HashMap<>();
        progress.forEach((handler, itsProgress) -> truncated.put(handler, toTheMillisecond(itsProgress)));
        return truncated;
    }

    private static HandlerProgress toTheMillisecond(HandlerProgress progress) {
        return new HandlerProgress(progress.status(), progress.attempts(),
                progress.retryAt().map(at -> at.truncatedTo(ChronoUnit.MILLIS)), progress.lastError());
    }

    private static List<PendingEvent> withoutProgress(List<RecordedEvent> stored) {
        return stored.stream().map(recorded -> new PendingEvent(recorded, Map.of())).toList();
    }

    private static List<DomainEvent> eventsOf(List<RecordedEvent> stored) {
        return stored.stream().map(RecordedEvent::event).toList();
    }

    private static List<UUID> idsOf(List<RecordedEvent> stored) {
        return stored.stream().map(RecordedEvent::id).toList();
    }

    private static List<UUID> idsOfPending(List<PendingEvent> pending) {
        return pending.stream().map(event -> event.recorded().id()).toList();
    }
}
