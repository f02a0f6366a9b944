package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.port.HandlerProgress;
import io.github.cosmicarch.allocation.domain.port.PendingEvent;
import io.github.cosmicarch.allocation.domain.port.RecordedEvent;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bus.Subscription.Effect;
import io.github.cosmicarch.allocation.service.bus.Subscription.InUnitOfWork;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sees every stored event through to every handler registered for it, at least once, whatever
 * crashes, failing databases or absent brokers come in between.
 *
 * <p>Right after a commit, the thread that committed runs the event's {@linkplain EventHandler
 * unit-of-work handlers} (as the book's bus does) and hands the event to one of the dispatcher's
 * threads for its {@linkplain EffectHandler effects}: the answer to a command never waits for a
 * broker or a mail server. Whatever is not done a grace period after it was stored, because a
 * process died, a handler failed or the dispatcher was not running, the dispatcher finds in the
 * outbox and does, polling; several processes may run dispatchers on one database, and claims
 * keep any two from running the same handler for the same event at once.
 *
 * <p>A failing handler is tried again after a growing pause; after the policy's last attempt it is
 * parked, logged at ERROR, listed by {@link #parked} and run again by {@link #replay}. A handler
 * sees a product's events in the order they were stored: while one waits for a retry, the
 * product's later events of that type wait too; a parked event no longer holds them back.
 *
 * <p>The application starts it with {@link #start()} and stops it with {@link #close()}; until it
 * is started, effects wait in the outbox.
 */
public final class EventDispatcher implements AutoCloseable {

    private static final int LANE_CAPACITY = 10_000;
    /** How long an effects thread gathers events before it claims them in one transaction. */
    private static final Duration GATHERING = Duration.ofMillis(5);
    /** What {@link #close()} puts in each lane's queue to wake a lane that waits for work. */
    private static final RecordedEvent STOP = RecordedEvent.withNewId(new Deallocated(new OrderLine("stop", "stop", 1)));

    private final UnitOfWorkFactory unitsOfWork;
    private final Attempts attempts;
    private final Map<Class<?>, List<Subscription>> subscriptions;
    private final DispatcherSettings settings;
    private final BusObserver observer;
    private final Logger log;
    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicBoolean warnedNotStarted = new AtomicBoolean();
    private final List<Lane> lanes = new ArrayList<>();
    private Thread poller;
    private volatile boolean running;
    private boolean started;
    private volatile boolean pollFailing;

    EventDispatcher(UnitOfWorkFactory unitsOfWork, Attempts attempts, Map<Class<?>, List<Subscription>> subscriptions,
                    DispatcherSettings settings, BusObserver observer, Logger log, Clock clock) {
        this.unitsOfWork = unitsOfWork;
        this.attempts = attempts;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.observer = observer;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Starts the dispatcher's threads: those that run effects, and the one that looks for what is
     * not done after the grace period.
     *
     * @throws IllegalStateException when it was started before
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("The dispatcher was started before; a dispatcher starts once");
        }
        started = true;
        running = true;
        for (int index = 0; index < settings.threads(); index++) {
            Lane lane = new Lane("allocation-effects-" + index);
            lanes.add(lane);
            lane.thread.start();
        }
        poller = new Thread(this::poll, "allocation-dispatcher");
        poller.start();
    }

    /**
     * Whether the dispatcher runs.
     *
     * @return {@code true} between {@link #start()} and {@link #close()}
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops the threads once they finish the events at hand; what they had not begun stays in the
     * outbox for the next start, here or in another process.
     */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        stopping.countDown();
        lanes.forEach(lane -> lane.queue.offer(STOP)); // a full lane is busy and sees running turn false
        List<Thread> threads = new ArrayList<>();
        lanes.forEach(lane -> threads.add(lane.thread));
        threads.add(poller);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Events with a parked handler, oldest first, for an operator to look at.
     *
     * @param limit the most events listed, at least 1
     * @return the events, with every handler's progress
     */
    public List<PendingEvent> parked(int limit) {
        try (UnitOfWork uow = unitsOfWork.start()) {
            return uow.outbox().parked(limit);
        }
    }

    /**
     * What the dispatcher has yet to do: the events that are due, a grace period after they were
     * stored, with a handler not done. Counts the first such event of each product and event type,
     * since the others wait behind it; for a health check.
     *
     * @param limit the most events counted, at least 1
     * @return how many, at most {@code limit}
     */
    public int backlog(int limit) {
        Instant now = clock.instant();
        try (UnitOfWork uow = unitsOfWork.start()) {
            return uow.outbox().due(now.minus(settings.gracePeriod()), now, limit).size();
        }
    }

    /**
     * Gives a parked handler a new chance: the dispatcher runs it again at its next look.
     *
     * @param eventId the event
     * @param handler the handler's name
     * @return {@code true} when that handler was parked for that event
     */
    public boolean replay(UUID eventId, String handler) {
        try (UnitOfWork uow = unitsOfWork.start()) {
            boolean parked = uow.outbox().replay(eventId, handler);
            uow.commit();
            if (parked) {
                log.log(Level.INFO, () -> "Handler " + handler + " of event " + eventId + " replayed");
            }
            return parked;
        }
    }

    /**
     * Runs, on the committing thread, the unit-of-work handlers of the events a commit stored and of
     * the events they lead to, first in, first out, and hands each event on for its effects. An
     * event that a handler cannot finish now is left to the dispatcher (its other handlers still
     * run), and so are the later events of its product, to keep them in order. Never throws: the
     * command succeeded.
     */
    void afterCommit(Deque<RecordedEvent> queue) {
        Set<String> leftBehind = new HashSet<>();
        while (!queue.isEmpty()) {
            RecordedEvent event = queue.poll();
            String sku = orderKey(event.event());
            if (leftBehind.contains(sku)) {
                continue;
            }
            boolean done = true;
            for (Subscription subscription : subscriptionsOf(event.event())) {
                if (subscription instanceof InUnitOfWork handler && !runInUnitOfWork(event, handler, queue)) {
                    done = false;
                }
            }
            if (!done) {
                leftBehind.add(sku);
            } else if (hasEffectsOrNoHandler(event.event())) {
                handOff(event);
            }
        }
    }

    /**
     * Runs one unit-of-work handler with its done mark; on failure records it.
     *
     * @return whether the handler is done with the event
     */
    private boolean runInUnitOfWork(RecordedEvent event, InUnitOfWork handler, Deque<RecordedEvent> followUps) {
        try {
            return attempts.inUnitsOfWork(event, uow -> {
                List<PendingEvent> claimed = uow.outbox().claim(List.of(event.id()));
                if (claimed.isEmpty()) {
                    return false;
                }
                PendingEvent pending = claimed.get(0);
                if (!pending.isDone(handler.name())) {
                    markDone(uow, pending, handler.name());
                    handler.handler().handle(event.event(), uow);
                    uow.commit();
                }
                return true;
            }, followUps);
        } catch (RuntimeException failure) {
            recordFailure(event, handler.name(), failure);
            return false;
        }
    }

    /** Marks the handler done in this unit of work; the event is forgotten when it was the last handler. */
    private void markDone(UnitOfWork uow, PendingEvent pending, String handler) {
        boolean othersDone = subscriptionsOf(pending.recorded().event()).stream()
                .allMatch(other -> other.name().equals(handler) || pending.isDone(other.name()));
        if (othersDone) {
            uow.outbox().finished(pending.recorded().id());
        } else {
            uow.outbox().record(pending.recorded().id(), handler, HandlerProgress.done());
        }
    }

    private void recordFailure(RecordedEvent event, String handler, RuntimeException failure) {
        log.log(Level.WARNING, () -> "Handler " + handler + " failed on " + event.event() + " (event " + event.id()
                + "); the dispatcher will try again", failure);
        try (UnitOfWork uow = unitsOfWork.start()) {
            List<PendingEvent> claimed = uow.outbox().claim(List.of(event.id()));
            if (claimed.isEmpty()) {
                return;
            }
            PendingEvent pending = claimed.get(0);
            Map<String, HandlerProgress> progress = new HashMap<>(pending.progress());
            HandlerProgress failed = failed(event, handler, progress.get(handler), failure);
            progress.put(handler, failed);
            uow.outbox().record(event.id(), handler, failed);
            uow.outbox().schedule(event.id(), nextLook(event.event(), progress));
            uow.commit();
        } catch (RuntimeException unrecorded) {
            log.log(Level.WARNING, () -> "Could not record the failure of " + handler + " on event " + event.id()
                    + "; it stays due: " + unrecorded.getMessage());
        }
    }

    private HandlerProgress failed(RecordedEvent event, String handler, HandlerProgress before, RuntimeException failure) {
        int failedAttempts = (before == null ? 0 : before.attempts()) + 1;
        String message = String.valueOf(failure);
        if (failedAttempts >= settings.retries().maxAttempts()) {
            log.log(Level.ERROR, () -> "Handler " + handler + " gave up on " + event.event() + " (event " + event.id()
                    + ") after " + failedAttempts + " attempts and is parked; replay it with EventDispatcher.replay."
                    + " Last failure: " + message);
            HandlerProgress parked = HandlerProgress.parked(failedAttempts, message);
            observer.parked(event, handler, parked);
            return parked;
        }
        Instant retryAt = clock.instant().plus(settings.retries().backoffBefore(failedAttempts,
                ThreadLocalRandom.current()));
        return HandlerProgress.retrying(failedAttempts, retryAt, message);
    }

    /** When to look at the event again: now for a handler that has not run, else its earliest retry. */
    private Optional<Instant> nextLook(DomainEvent event, Map<String, HandlerProgress> progress) {
        Instant earliest = null;
        for (Subscription subscription : subscriptionsOf(event)) {
            HandlerProgress handler = progress.get(subscription.name());
            if (handler == null) {
                return Optional.of(clock.instant());
            }
            if (handler.status() == HandlerProgress.Status.RETRYING) {
                Instant retryAt = handler.retryAt().orElseThrow();
                earliest = earliest == null || retryAt.isBefore(earliest) ? retryAt : earliest;
            }
        }
        return Optional.ofNullable(earliest);
    }

    private boolean allDone(DomainEvent event, Map<String, HandlerProgress> progress) {
        return subscriptionsOf(event).stream().allMatch(subscription -> {
            HandlerProgress handler = progress.get(subscription.name());
            return handler != null && handler.status() == HandlerProgress.Status.DONE;
        });
    }

    private static boolean isDue(HandlerProgress progress, Instant now) {
        if (progress == null) {
            return true;
        }
        return progress.status() == HandlerProgress.Status.RETRYING && !progress.retryAt().orElseThrow().isAfter(now);
    }

    private void handOff(RecordedEvent event) {
        if (!running) {
            if (warnedNotStarted.compareAndSet(false, true)) {
                log.log(Level.WARNING, "Events wait in the outbox for their effects: start the dispatcher"
                        + " (MessageBus.dispatcher().start()) to run them");
            }
            return;
        }
        Lane lane = lanes.get(Math.floorMod(event.event().sku().hashCode(), lanes.size()));
        lane.queue.offer(event); // when the lane is full, the event waits in the outbox for the next look
    }

    /**
     * Runs the due effects of the events in one unit of work that claims them, records how each went
     * and commits. A product whose event could not be claimed, or is not done and waits for a retry,
     * has its later events left for another time; an effect that failed once is not tried again in
     * the same batch, so that a broker that hangs holds the transaction for one timeout, not one per
     * event.
     *
     * @return the events every handler is now done with, once committed
     */
    private Set<UUID> runEffects(List<RecordedEvent> events) {
        Set<UUID> finished = new HashSet<>();
        try (UnitOfWork uow = unitsOfWork.start()) {
            List<PendingEvent> claimed = uow.outbox().claim(events.stream().map(RecordedEvent::id).toList());
            Set<UUID> claimedIds = new HashSet<>();
            claimed.forEach(pending -> claimedIds.add(pending.recorded().id()));
            Set<String> leftBehind = new HashSet<>();
            events.stream().filter(event -> !claimedIds.contains(event.id()))
                    .forEach(event -> leftBehind.add(orderKey(event.event())));
            Instant now = clock.instant();
            Set<String> failing = new HashSet<>();
            for (PendingEvent pending : claimed) {
                RecordedEvent event = pending.recorded();
                String sku = orderKey(event.event());
                if (leftBehind.contains(sku)) {
                    continue;
                }
                Map<String, HandlerProgress> progress = new HashMap<>(pending.progress());
                List<String> changed = new ArrayList<>();
                for (Subscription subscription : subscriptionsOf(event.event())) {
                    if (subscription instanceof Effect effect && !failing.contains(effect.name())
                            && isDue(progress.get(effect.name()), now)) {
                        HandlerProgress outcome = runEffect(event, effect, progress.get(effect.name()));
                        progress.put(effect.name(), outcome);
                        changed.add(effect.name());
                        if (outcome.status() != HandlerProgress.Status.DONE) {
                            failing.add(effect.name());
                        }
                    }
                }
                if (allDone(event.event(), progress)) {
                    uow.outbox().finished(event.id());
                    finished.add(event.id());
                    continue;
                }
                changed.forEach(name -> uow.outbox().record(event.id(), name, progress.get(name)));
                Optional<Instant> nextLook = nextLook(event.event(), progress);
                uow.outbox().schedule(event.id(), nextLook);
                if (nextLook.isPresent()) {
                    leftBehind.add(sku);
                }
            }
            uow.commit();
            return finished;
        } catch (RuntimeException failure) {
            log.log(Level.WARNING, () -> "Effects of " + events.size() + " events could not be recorded; they stay due: "
                    + failure.getMessage());
            return Set.of();
        }
    }

    private HandlerProgress runEffect(RecordedEvent event, Effect effect, HandlerProgress before) {
        try {
            effect.handler().handle(event.event(), event.id());
            return HandlerProgress.done();
        } catch (RuntimeException failure) {
            log.log(Level.WARNING, () -> "Effect " + effect.name() + " failed on " + event.event() + " (event "
                    + event.id() + "); it will be tried again", failure);
            return failed(event, effect.name(), before, failure);
        }
    }

    /** The poller: whatever is due a grace period after it was stored is done here, oldest first. */
    private void poll() {
        while (running) {
            int found = 0;
            try {
                found = dispatchDue();
                if (pollFailing) {
                    pollFailing = false;
                    log.log(Level.INFO, "The dispatcher reaches the outbox again");
                }
            } catch (RuntimeException failure) {
                if (!pollFailing) {
                    pollFailing = true;
                    log.log(Level.WARNING, () -> "The dispatcher cannot read the outbox; it keeps trying: "
                            + failure.getMessage());
                }
            }
            if (found == 0 && waitForStop()) {
                return;
            }
        }
    }

    /**
     * Looks once for what is due and does it on the calling thread, each product's events of one
     * type in order, up to the first that is not done: what the dispatcher's own
     * thread does every poll interval. For an application that schedules this work itself rather
     * than {@linkplain #start() starting} the dispatcher, and for tests that move a clock by hand.
     *
     * @return how many events it saw through to every handler
     */
    public int dispatchDue() {
        Instant now = clock.instant();
        List<PendingEvent> due;
        try (UnitOfWork uow = unitsOfWork.start()) {
            due = uow.outbox().due(now.minus(settings.gracePeriod()), now, settings.batchSize());
        }
        int handled = 0;
        Set<String> leftBehind = new HashSet<>();
        for (PendingEvent pending : due) {
            if (stopping.getCount() == 0) {
                break;
            }
            String key = orderKey(pending.recorded().event());
            if (leftBehind.contains(key)) {
                continue;
            }
            if (dispatch(pending, now)) {
                handled++;
            } else {
                leftBehind.add(key);
            }
        }
        return handled;
    }

    /**
     * Runs an event's due handlers, those in units of work before its effects, then handles the
     * events they led to. Each handler goes at its own pace: one that fails does not hold back the
     * others of the event.
     *
     * @return whether every handler is done with the event
     */
    private boolean dispatch(PendingEvent pending, Instant now) {
        RecordedEvent event = pending.recorded();
        Deque<RecordedEvent> followUps = new ArrayDeque<>();
        boolean done = true;
        for (Subscription subscription : subscriptionsOf(event.event())) {
            if (subscription instanceof InUnitOfWork handler && isDue(pending.progress().get(handler.name()), now)
                    && !runInUnitOfWork(event, handler, followUps)) {
                done = false;
            }
        }
        if (effectsLeft(pending) && !runEffects(List.of(event)).contains(event.id())) {
            done = false;
        }
        afterCommit(followUps);
        return done;
    }

    private boolean waitForStop() {
        try {
            return stopping.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Events with the same key are handled in the order they were stored: one product's events of one type. */
    private static String orderKey(DomainEvent event) {
        return event.sku() + '\u0000' + event.getClass().getSimpleName();
    }

    private List<Subscription> subscriptionsOf(DomainEvent event) {
        return subscriptions.getOrDefault(event.getClass(), List.of());
    }

    /** Whether an effect of the event is not done yet, or no handler wants it: either way it needs {@link #runEffects}. */
    private boolean effectsLeft(PendingEvent pending) {
        List<Subscription> all = subscriptionsOf(pending.recorded().event());
        return all.isEmpty() || all.stream().anyMatch(subscription -> subscription instanceof Effect
                && !pending.isDone(subscription.name()));
    }

    private boolean hasEffectsOrNoHandler(DomainEvent event) {
        List<Subscription> all = subscriptionsOf(event);
        return all.isEmpty() || all.stream().anyMatch(Effect.class::isInstance);
    }

    /** A thread that runs effects, with the queue of events handed to it. */
    private final class Lane {
        final BlockingQueue<RecordedEvent> queue = new LinkedBlockingQueue<>(LANE_CAPACITY);
        final Thread thread;

        Lane(String name) {
            thread = new Thread(this::run, name);
        }

        private void run() {
            while (running) {
                try {
                    RecordedEvent first = queue.take();
                    if (first == STOP) {
                        return;
                    }
                    List<RecordedEvent> batch = new ArrayList<>();
                    batch.add(first);
                    if (queue.size() < settings.batchSize() - 1) {
                        Thread.sleep(GATHERING.toMillis());
                    }
                    queue.drainTo(batch, settings.batchSize() - 1);
                    batch.remove(STOP);
                    runEffects(batch);
                } catch (InterruptedException interrupted) {
                    return;
                } catch (RuntimeException unexpected) {
                    log.log(Level.ERROR, "An effects thread met an unexpected failure; it goes on", unexpected);
                }
            }
        }
    }
}
