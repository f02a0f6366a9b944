package io.github.cosmicarch.allocation.service.outbox;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stored event that some handler has not finished with, and how far each handler that ran got.
 *
 * @param recorded the event and its id
 * @param progress by handler name, the handlers that succeeded or failed; a handler absent here
 *                 has not succeeded yet
 */
public record PendingEvent(RecordedEvent recorded, Map<String, HandlerProgress> progress) {

    /**
     * Copies the progress.
     *
     * @param recorded the event and its id
     * @param progress by handler name
     */
    public PendingEvent {
        requireNonNull(recorded, "recorded");
        progress = Map.copyOf(progress);
    }

    /**
     * How far a handler got.
     *
     * @param handler the handler's name
     * @return its progress, or empty when it has not run or its failures were not recorded
     */
    public Optional<HandlerProgress> progressOf(String handler) {
        return Optional.ofNullable(progress.get(handler));
    }

    /**
     * Whether a handler succeeded with this event.
     *
     * @param handler the handler's name
     * @return {@code true} when it is done
     */
    public boolean isDone(String handler) {
        return progressOf(handler).map(p -> p.status() == HandlerProgress.Status.DONE).orElse(false);
    }

    /**
     * Whether a pending event with this progress holds back a later event of its key from the
     * given handlers: when one of them has not run on it yet or waits to retry it. A handler done
     * with it, or parked on it, is not held back. With no handler given, it holds back every
     * handler. Both adapters claim by this rule.
     *
     * @param progress the earlier event's progress, by handler name
     * @param handlers the handlers about to run on the later event; empty for every handler
     * @return {@code true} when the later event must wait
     */
    public static boolean holdsBack(Map<String, HandlerProgress> progress, Set<String> handlers) {
        return handlers.isEmpty() || handlers.stream().anyMatch(handler -> {
            HandlerProgress of = progress.get(handler);
            return of == null || of.status() == HandlerProgress.Status.RETRYING;
        });
    }
}
