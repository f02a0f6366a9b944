package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;

/** A named handler of one event type; the name keeps its progress with each stored event. */
sealed interface Subscription {

    String name();

    /** A handler that works in a unit of work, run by the thread that committed the event. */
    record InUnitOfWork(String name, EventHandler<DomainEvent> handler) implements Subscription {}

    /** A handler with an effect outside the database, run by the dispatcher's threads. */
    record Effect(String name, EffectHandler<DomainEvent> handler) implements Subscription {}
}
