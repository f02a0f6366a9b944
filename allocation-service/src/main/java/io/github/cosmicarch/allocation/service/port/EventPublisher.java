package io.github.cosmicarch.allocation.service.port;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;

/** Tells other systems what happened, for instance on a message broker's channel. */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Publishes an event.
     *
     * @param event what happened
     */
    void publish(DomainEvent event);
}
