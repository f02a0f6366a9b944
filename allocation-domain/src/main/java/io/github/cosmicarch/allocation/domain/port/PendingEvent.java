package io.github.cosmicarch.allocation.domain.port;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

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
}
