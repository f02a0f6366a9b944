package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.MessageBus;

/**
 * Adds to the message bus the auto-configuration builds, before it is built: handlers of the
 * application's own ({@code event} for work in the unit of work, {@code effect} for work outside
 * the database), or a command type grouped. Every bean of this type is applied, in their order.
 */
@FunctionalInterface
public interface MessageBusCustomizer {

    /**
     * Adds to the bus.
     *
     * @param bus the builder, with the library's handlers and settings in place
     */
    void customize(MessageBus.Builder bus);
}
