package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.bus.Subscription.InUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.OrderingKey;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Takes up what is not done a grace period after it was stored, because a process died, a
 * handler failed or the dispatcher was not running: looks in the outbox every poll interval and
 * works through each key's events in order.
 */
final class Poller {

    private final UnitOfWorkFactory unitsOfWork;
    private final Subscriptions subscriptions;
    private final InlineHandlers inline;
    private final EffectLanes effects;
    private final RetrySchedule schedule;
    private final DispatcherSettings settings;
    private final Outages outages;
    private final Logger log;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread = new Thread(this::poll, "allocation-dispatcher");
    private volatile boolean failing;

    Poller(UnitOfWorkFactory unitsOfWork, Subscriptions subscriptions, InlineHandlers inline, EffectLanes effects,
           RetrySchedule schedule, DispatcherSettings settings, Outages outages, Logger log) {
        this.unitsOfWork = unitsOfWork;
        this.subscriptions = subscriptions;
        this.inline = inline;
        this.effects = effects;
        this.schedule = schedule;
        this.settings = settings;
        this.outages = outages;
        this.log = log;
    }

    void start() {
        thread.start();
    }

    /** Stops looking; answers the poller's thread, for the caller to join. */
    Thread stop() {
        stopping.countDown();
        return thread;
    }

    /** The events due now, the first of each key: see {@link EventDispatcher#backlog}. */
    int backlog(int limit) {
        Instant now = schedule.now();
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            return uow.outbox().due(now.minus(settings.gracePeriod()), now, limit).size();
        }
    }

    /**
     * Looks once for what is due and does it on the calling thread: see {@link EventDispatcher#dispatchDue}.
     * First tries one waiting event of each effect that is out, early, to learn whether it works
     * again. The events with only effects left, or nothing left (no handler wants them, or an
     * operator discarded their last parked handler), are run and finished together, in one unit
     * of work, as the lanes run them; the others one by one.
     */
    int dispatchDue() {
        Instant now = schedule.now();
        int handled = 0;
        for (String effect : outages.out(now)) {
            if (effects.probe(effect)) {
                handled++;
            }
        }
        List<PendingEvent> due;
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            due = uow.outbox().due(now.minus(settings.gracePeriod()), now, settings.batchSize());
        }
        Set<OrderingKey> leftBehind = new HashSet<>();
        List<RecordedEvent> effectsOnly = new ArrayList<>();
        for (PendingEvent pending : due) {
            if (stopping.getCount() == 0) {
                break;
            }
            OrderingKey key = OrderingKey.of(pending.recorded().event());
            if (leftBehind.contains(key)) {
                continue;
            }
            if (onlyEffectsLeft(pending, now)) {
                effectsOnly.add(pending.recorded());
            } else if (dispatch(pending, now)) {
                handled++;
            } else {
                leftBehind.add(key);
            }
        }
        return handled + effects.runEffects(effectsOnly).size();
    }

    /** Whether the event waits for effects alone, or for nothing: no unit-of-work handler of it is due. */
    private boolean onlyEffectsLeft(PendingEvent pending, Instant now) {
        return subscriptions.of(pending.recorded().event()).stream().noneMatch(handler -> handler instanceof InUnitOfWork
                && RetrySchedule.isDue(pending.progress().get(handler.name()), now));
    }

    /**
     * Runs the due handlers of an event that has a unit-of-work handler due, those in units of
     * work before its effects, then handles the events they led to. Each handler goes at its own
     * pace: one that fails does not hold back the others of the event.
     *
     * @return whether every handler is done with the event
     */
    private boolean dispatch(PendingEvent pending, Instant now) {
        RecordedEvent event = pending.recorded();
        Deque<RecordedEvent> followUps = new ArrayDeque<>();
        boolean done = true;
        for (Subscription subscription : subscriptions.of(event.event())) {
            if (subscription instanceof InUnitOfWork handler
                    && RetrySchedule.isDue(pending.progress().get(handler.name()), now)
                    && !inline.run(event, handler, followUps)) {
                done = false;
            }
        }
        if (subscriptions.effectsLeft(pending) && !effects.runEffects(List.of(event)).contains(event.id())) {
            done = false;
        }
        inline.afterCommit(followUps, effects::handOff);
        return done;
    }

    private void poll() {
        while (stopping.getCount() > 0) {
            int found = 0;
            try {
                found = dispatchDue();
                if (failing) {
                    failing = false;
                    log.log(Level.INFO, "The dispatcher reaches the outbox again");
                }
            } catch (RuntimeException failure) {
                if (!failing) {
                    failing = true;
                    log.log(Level.WARNING, () -> "The dispatcher cannot read the outbox; it keeps trying: "
                            + failure.getMessage());
                }
            }
            if (found == 0 && waitForStop()) {
                return;
            }
        }
    }

    private boolean waitForStop() {
        try {
            return stopping.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
