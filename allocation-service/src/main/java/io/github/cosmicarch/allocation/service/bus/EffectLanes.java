package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.bus.Subscription.Effect;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OrderingKey;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs {@linkplain EffectHandler effects} (a broker, mail) on threads of their own, so that the
 * answer to a command never waits for them. Each thread is a lane with a queue; a product's
 * events always go to the same lane, and a lane claims what it gathered in one transaction.
 */
final class EffectLanes {

    private static final int LANE_CAPACITY = 10_000;
    /** How long a lane gathers events before it claims them in one transaction. */
    private static final Duration GATHERING = Duration.ofMillis(5);

    /** What a lane is given: the effects of an event to run, or the signal to stop. */
    private sealed interface Task permits Effects, Stop {}

    private record Effects(RecordedEvent event) implements Task {}

    private enum Stop implements Task { SIGNAL }

    private final UnitOfWorkFactory unitsOfWork;
    private final Subscriptions subscriptions;
    private final RetrySchedule schedule;
    private final DispatcherSettings settings;
    private final Logger log;
    private final Outages outages;
    private final AtomicBoolean warnedNotStarted = new AtomicBoolean();
    private final List<Lane> lanes = new ArrayList<>();
    private volatile boolean running;

    EffectLanes(UnitOfWorkFactory unitsOfWork, Subscriptions subscriptions, RetrySchedule schedule,
                DispatcherSettings settings, Outages outages, Logger log) {
        this.unitsOfWork = unitsOfWork;
        this.subscriptions = subscriptions;
        this.schedule = schedule;
        this.settings = settings;
        this.outages = outages;
        this.log = log;
    }

    /** Starts the lanes; they are all in place before a command can hand them an event. */
    void start() {
        for (int index = 0; index < settings.threads(); index++) {
            lanes.add(new Lane("allocation-effects-" + index));
        }
        running = true;
        lanes.forEach(lane -> lane.thread.start());
    }

    /** Stops the lanes once they finish the events at hand; answers their threads, for the caller to join. */
    List<Thread> stop() {
        running = false;
        lanes.forEach(lane -> lane.queue.offer(Stop.SIGNAL)); // a full lane is busy and sees running turn false
        return lanes.stream().map(lane -> lane.thread).toList();
    }

    /** Hands an event to its product's lane; when the lanes do not run or the lane is full, it waits in the outbox. */
    void handOff(RecordedEvent event) {
        if (!running) {
            if (warnedNotStarted.compareAndSet(false, true)) {
                log.log(Level.WARNING, "Events wait in the outbox for their effects: start the dispatcher"
                        + " (MessageBus.dispatcher().start()) to run them");
            }
            return;
        }
        Lane lane = lanes.get(Math.floorMod(event.event().sku().hashCode(), lanes.size()));
        lane.queue.offer(new Effects(event));
    }

    /**
     * Runs the due effects of the events in one unit of work that claims them, records how each
     * went and commits. A key whose event could not be claimed, or is not done and waits for a
     * retry, has its later events left for another time; an effect that failed once is not tried
     * again in the same batch, so that a broker that hangs holds the transaction for one timeout,
     * not one per event. An effect that works again after an outage has its waiting retries made
     * due in the same commit.
     *
     * @return the events every handler is now done with, once committed
     */
    Set<UUID> runEffects(List<RecordedEvent> events) {
        Set<UUID> finished = new HashSet<>();
        Set<String> succeeded = new HashSet<>();
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            List<PendingEvent> claimed = claim(uow, events);
            Set<UUID> claimedIds = new HashSet<>();
            claimed.forEach(pending -> claimedIds.add(pending.recorded().id()));
            Set<OrderingKey> leftBehind = new HashSet<>();
            events.stream().filter(event -> !claimedIds.contains(event.id()))
                    .forEach(event -> leftBehind.add(OrderingKey.of(event.event())));
            Instant now = schedule.now();
            Set<String> failing = new HashSet<>();
            for (PendingEvent pending : claimed) {
                RecordedEvent event = pending.recorded();
                OrderingKey key = OrderingKey.of(event.event());
                if (leftBehind.contains(key)) {
                    continue;
                }
                Map<String, HandlerProgress> progress = new HashMap<>(pending.progress());
                List<String> changed = new ArrayList<>();
                for (Subscription subscription : subscriptions.of(event.event())) {
                    if (subscription instanceof Effect effect && !failing.contains(effect.name())
                            && RetrySchedule.isDue(progress.get(effect.name()), now)) {
                        HandlerProgress outcome = run(event, effect, progress.get(effect.name()));
                        progress.put(effect.name(), outcome);
                        changed.add(effect.name());
                        if (outcome.status() == HandlerProgress.Status.DONE) {
                            succeeded.add(effect.name());
                        } else {
                            failing.add(effect.name());
                            outages.failed(effect.name(), now);
                        }
                    }
                }
                if (subscriptions.allDone(event.event(), progress)) {
                    uow.outbox().finished(event.id());
                    finished.add(event.id());
                    continue;
                }
                changed.forEach(name -> uow.outbox().record(event.id(), name, progress.get(name)));
                Optional<Instant> nextLook = schedule.nextLook(event.event(), progress);
                uow.outbox().schedule(event.id(), nextLook);
                if (nextLook.isPresent()) {
                    leftBehind.add(key);
                }
            }
            succeeded.removeAll(failing);
            commitEndingOutages(uow, succeeded, now);
            return finished;
        } catch (RuntimeException failure) {
            log.log(Level.WARNING, () -> "Effects of " + events.size() + " events could not be recorded; they stay due: "
                    + failure.getMessage());
            return Set.of();
        }
    }

    /**
     * Commits, with the waiting retries of the effects that succeeded after an outage made due at
     * once; those effects are then no longer failing.
     */
    private void commitEndingOutages(OutboxUnitOfWork uow, Set<String> succeeded, Instant now) {
        for (String effect : succeeded) {
            if (outages.isOut(effect, now)) {
                log.log(Level.INFO, () -> "Effect " + effect + " works again: its waiting events are due at once");
                uow.outbox().retryNow(effect, now);
            }
        }
        uow.commit();
        succeeded.forEach(outages::succeeded);
    }

    /**
     * Tries the earliest waiting event of an effect that is out, before its retry is due, to learn
     * whether its broker is back. A failure is not recorded: the event keeps its attempts and its
     * pause, and an outage does not park events faster for being probed. A success is recorded,
     * and ends the outage: every waiting retry of the effect is due at once.
     *
     * @return whether the effect succeeded
     */
    boolean probe(String effectName) {
        Effect effect = subscriptions.effect(effectName).orElseThrow();
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            List<UUID> oldest = uow.outbox().retrying(effectName, 1).stream().map(pending -> pending.recorded().id()).toList();
            for (PendingEvent pending : uow.outbox().claim(oldest, Set.of(effectName))) {
                RecordedEvent event = pending.recorded();
                try {
                    effect.handler().handle(event.event(), event.id());
                } catch (RuntimeException stillFailing) {
                    log.log(Level.DEBUG, () -> "Effect " + effectName + " still fails: " + stillFailing);
                    return false;
                }
                Instant now = schedule.now();
                Map<String, HandlerProgress> progress = new HashMap<>(pending.progress());
                progress.put(effectName, HandlerProgress.done());
                if (subscriptions.allDone(event.event(), progress)) {
                    uow.outbox().finished(event.id());
                } else {
                    uow.outbox().record(event.id(), effectName, HandlerProgress.done());
                    uow.outbox().schedule(event.id(), schedule.nextLook(event.event(), progress));
                }
                commitEndingOutages(uow, new HashSet<>(Set.of(effectName)), now);
                return true;
            }
            return false;
        } catch (RuntimeException failure) {
            log.log(Level.WARNING, () -> "Could not record a success of " + effectName + " after an outage: "
                    + failure.getMessage());
            return false;
        }
    }

    /** Claims the events for their effects, each type for the effects of that type. */
    private List<PendingEvent> claim(OutboxUnitOfWork uow, List<RecordedEvent> events) {
        Map<Class<?>, List<UUID>> idsByType = new LinkedHashMap<>();
        events.forEach(event -> idsByType.computeIfAbsent(event.event().getClass(), type -> new ArrayList<>()).add(event.id()));
        List<PendingEvent> claimed = new ArrayList<>();
        idsByType.forEach((type, ids) -> claimed.addAll(uow.outbox().claim(ids, subscriptions.effectsOf(type))));
        return claimed;
    }

    private HandlerProgress run(RecordedEvent event, Effect effect, HandlerProgress before) {
        try {
            effect.handler().handle(event.event(), event.id());
            return HandlerProgress.done();
        } catch (RuntimeException failure) {
            if (outages.isFailing(effect.name())) {
                log.log(Level.DEBUG, () -> "Effect " + effect.name() + " still fails, on event " + event.id() + ": " + failure);
            } else {
                log.log(Level.WARNING, () -> "Effect " + effect.name() + " failed on " + event.event() + " (event "
                        + event.id() + "); it will be tried again, and its failures until it works again are logged"
                        + " at debug level", failure);
            }
            return schedule.failed(event, effect.name(), before, failure);
        }
    }

    /** A thread that runs effects, with the queue of what it is handed. */
    private final class Lane {
        final BlockingQueue<Task> queue = new LinkedBlockingQueue<>(LANE_CAPACITY);
        final Thread thread;

        Lane(String name) {
            thread = new Thread(this::run, name);
        }

        private void run() {
            while (running) {
                try {
                    Task first = queue.take();
                    if (first == Stop.SIGNAL) {
                        return;
                    }
                    List<Task> tasks = new ArrayList<>(List.of(first));
                    if (queue.size() < settings.batchSize() - 1) {
                        TimeUnit.MILLISECONDS.sleep(GATHERING.toMillis());
                    }
                    queue.drainTo(tasks, settings.batchSize() - 1);
                    List<RecordedEvent> events = new ArrayList<>();
                    for (Task task : tasks) {
                        if (task instanceof Effects effects) {
                            events.add(effects.event());
                        }
                    }
                    if (!events.isEmpty()) {
                        runEffects(events);
                    }
                    if (tasks.contains(Stop.SIGNAL)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    return;
                } catch (RuntimeException unexpected) {
                    log.log(Level.ERROR, "An effects thread met an unexpected failure; it goes on", unexpected);
                }
            }
        }
    }
}
