package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.bus.Subscription.InUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OrderingKey;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The bus's own event loop: runs the {@linkplain EventHandler unit-of-work handlers} of stored
 * events on the thread that committed them, as the book's bus does, each in a unit of work whose
 * commit also marks it done: what it does through that unit of work happens exactly once, what it
 * does elsewhere at least once.
 */
final class InlineHandlers {

    private final UnitOfWorkFactory unitsOfWork;
    private final Attempts attempts;
    private final Subscriptions subscriptions;
    private final RetrySchedule schedule;
    private final Logger log;

    InlineHandlers(UnitOfWorkFactory unitsOfWork, Attempts attempts, Subscriptions subscriptions, RetrySchedule schedule,
                   Logger log) {
        this.unitsOfWork = unitsOfWork;
        this.attempts = attempts;
        this.subscriptions = subscriptions;
        this.schedule = schedule;
        this.log = log;
    }

    /**
     * Runs the unit-of-work handlers of the events a commit stored and of the events they lead to,
     * first in, first out, and hands each event on for its effects. An event that a handler cannot
     * finish now is left to the dispatcher (its other handlers still run), and so are the later
     * events of its key, to keep them in order. Never throws: the command succeeded.
     */
    void afterCommit(Deque<RecordedEvent> queue, Consumer<RecordedEvent> effects) {
        drain(queue, effects, this::run);
    }

    /**
     * In a caller's transaction: runs the unit-of-work handlers of the events the command stored,
     * and of the events they lead to, in that transaction, so that their work commits or rolls
     * back with the caller's. A failure propagates, since the caller's transaction cannot keep
     * part of the work: the caller rolls it back. An event held back behind an earlier one of its
     * key is left, with the later events of the key, to the dispatcher once the caller commits.
     *
     * @return the events whose effects are to run once the caller has committed
     */
    List<RecordedEvent> inCallersTransaction(Deque<RecordedEvent> queue) {
        List<RecordedEvent> forEffects = new ArrayList<>();
        drain(queue, forEffects::add,
                (event, handler, followUps) -> attempts.once(event, uow -> runMarked(uow, event, handler), followUps));
        return forEffects;
    }

    /** How a handler is run: whether it is done with the event, the events its commit stored added to the queue. */
    private interface Run {
        boolean run(RecordedEvent event, InUnitOfWork handler, Deque<RecordedEvent> followUps);
    }

    private void drain(Deque<RecordedEvent> queue, Consumer<RecordedEvent> effects, Run run) {
        Set<OrderingKey> leftBehind = new HashSet<>();
        while (!queue.isEmpty()) {
            RecordedEvent event = queue.poll();
            OrderingKey key = OrderingKey.of(event.event());
            if (leftBehind.contains(key)) {
                continue;
            }
            boolean done = true;
            for (Subscription subscription : subscriptions.of(event.event())) {
                if (subscription instanceof InUnitOfWork handler && !run.run(event, handler, queue)) {
                    done = false;
                }
            }
            if (!done) {
                leftBehind.add(key);
            } else if (subscriptions.hasEffectsOrNone(event.event())) {
                effects.accept(event);
            }
        }
    }

    /**
     * Runs one handler with its done mark; on failure records it.
     *
     * @param followUps where the events its commit stored go
     * @return whether the handler is done with the event
     */
    boolean run(RecordedEvent event, InUnitOfWork handler, Deque<RecordedEvent> followUps) {
        try {
            return attempts.inUnitsOfWork(event, uow -> runMarked(uow, event, handler), followUps);
        } catch (RuntimeException failure) {
            recordFailure(event, handler.name(), failure);
            return false;
        }
    }

    /** Claims the event for the handler and, unless it is done already, runs it and commits it with its done mark. */
    private boolean runMarked(OutboxUnitOfWork uow, RecordedEvent event, InUnitOfWork handler) {
        List<PendingEvent> claimed = uow.outbox().claim(List.of(event.id()), Set.of(handler.name()));
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
    }

    /** Marks the handler done in this unit of work; the event is forgotten when it was the last handler. */
    private void markDone(OutboxUnitOfWork uow, PendingEvent pending, String handler) {
        boolean othersDone = subscriptions.of(pending.recorded().event()).stream()
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
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            List<PendingEvent> claimed = uow.outbox().claim(List.of(event.id()), Set.of(handler));
            if (claimed.isEmpty()) {
                return;
            }
            Map<String, HandlerProgress> progress = new HashMap<>(claimed.get(0).progress());
            HandlerProgress failed = schedule.failed(event, handler, progress.get(handler), failure);
            progress.put(handler, failed);
            uow.outbox().record(event.id(), handler, failed);
            uow.outbox().schedule(event.id(), schedule.nextLook(event.event(), progress));
            uow.commit();
        } catch (RuntimeException unrecorded) {
            log.log(Level.WARNING, () -> "Could not record the failure of " + handler + " on event " + event.id()
                    + "; it stays due: " + unrecorded.getMessage());
        }
    }
}
