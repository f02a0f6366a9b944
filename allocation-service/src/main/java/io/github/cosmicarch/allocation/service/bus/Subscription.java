package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;

/** A named handler of one event type; the name keeps its progress with each stored event. */
sealed interface Subscription {

    String name();

    /** The name, when it has 1 to {@code longest} characters and is not blank. */
    static String checkedName(String name, int longest) {
        if (name == null || name.isBlank() || name.length() > longest) {
            throw new IllegalArgumentException("A handler's name must be 1 to " + longest
                    + " characters, not blank, but was " + (name == null ? "null" : '"' + name + '"'));
        }
        return name;
    }

    /** A handler that works in a unit of work, run by the thread that committed the event. */
    record InUnitOfWork(String name, EventHandler<DomainEvent> handler) implements Subscription {}

    /** A handler with an effect outside the database, run by the dispatcher's threads. */
    record Effect(String name, EffectHandler<DomainEvent> handler) implements Subscription {}
}
