package io.github.cosmicarch.allocation.domain.port;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import java.util.UUID;

/**
 * A domain event as a commit stored it in the {@link Outbox}: the event and the id it keeps for
 * good, across retries, restarts and instances, so that a receiver can recognise an event it was
 * given before.
 *
 * @param id    the stable id, given when the event was stored
 * @param event what happened
 */
public record RecordedEvent(UUID id, DomainEvent event) {

    /**
     * Checks that both parts are present.
     *
     * @param id    the stable id
     * @param event what happened
     * @throws NullPointerException when either is {@code null}
     */
    public RecordedEvent {
        requireNonNull(id, "id");
        requireNonNull(event, "event");
    }
}
