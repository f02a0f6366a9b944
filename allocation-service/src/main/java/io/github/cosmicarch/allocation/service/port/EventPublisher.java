package io.github.cosmicarch.allocation.service.port;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import java.util.UUID;

/**
 * Tells other systems what happened, for instance on a message broker's channel. The dispatcher
 * publishes every event at least once: after a failure or a crash it publishes again with the
 * same id, which receivers can deduplicate on.
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Publishes an event.
     *
     * @param event   what happened
     * @param eventId the event's stable id
     * @throws RuntimeException when it could not be published: the dispatcher tries again
     */
    void publish(DomainEvent event, UUID eventId);
}
