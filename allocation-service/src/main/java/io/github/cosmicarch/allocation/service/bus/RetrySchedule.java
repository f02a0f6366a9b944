package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The policy for failing handlers: a failure is retried after a growing pause, and parked after
 * the last attempt the policy allows; and when an event is to be looked at next.
 */
final class RetrySchedule {

    private final Subscriptions subscriptions;
    private final RetryPolicy retries;
    private final BusObserver observer;
    private final Logger log;
    private final Clock clock;

    RetrySchedule(Subscriptions subscriptions, RetryPolicy retries, BusObserver observer, Logger log, Clock clock) {
        this.subscriptions = subscriptions;
        this.retries = retries;
        this.observer = observer;
        this.log = log;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** The progress of a handler that failed once more: retrying after a pause, or parked. */
    HandlerProgress failed(RecordedEvent event, String handler, HandlerProgress before, RuntimeException failure) {
        int failedAttempts = (before == null ? 0 : before.attempts()) + 1;
        String message = String.valueOf(failure);
        if (failedAttempts >= retries.maxAttempts()) {
            log.log(Level.ERROR, () -> "Handler " + handler + " gave up on " + event.event() + " (event " + event.id()
                    + ") after " + failedAttempts + " attempts and is parked; replay it with EventDispatcher.replay."
                    + " Last failure: " + message);
            HandlerProgress parked = HandlerProgress.parked(failedAttempts, message);
            observer.parked(event, handler, parked);
            return parked;
        }
        Instant retryAt = clock.instant().plus(retries.backoffBefore(failedAttempts, ThreadLocalRandom.current()));
        return HandlerProgress.retrying(failedAttempts, retryAt, message);
    }

    /** When to look at the event again: now for a handler that has not run, else its earliest retry. */
    Optional<Instant> nextLook(DomainEvent event, Map<String, HandlerProgress> progress) {
        Instant earliest = null;
        for (Subscription subscription : subscriptions.of(event)) {
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

    /** Whether a handler with this progress is to run by {@code now}: it has not run, or its retry is due. */
    static boolean isDue(HandlerProgress progress, Instant now) {
        if (progress == null) {
            return true;
        }
        return progress.status() == HandlerProgress.Status.RETRYING && !progress.retryAt().orElseThrow().isAfter(now);
    }
}
