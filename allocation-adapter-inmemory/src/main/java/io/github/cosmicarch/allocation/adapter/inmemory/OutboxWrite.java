package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A write to the outbox that a unit of work keeps until its commit. */
sealed interface OutboxWrite {

    /** A write to one event. */
    sealed interface ToEvent extends OutboxWrite {

        /** The event written to. */
        UUID id();
    }

    /** A handler's progress with an event. */
    record Progress(UUID id, String handler, HandlerProgress progress) implements ToEvent {}

    /** When to look at an event next; empty when only parked handlers are left. */
    record Schedule(UUID id, Optional<Instant> nextAttempt) implements ToEvent {}

    /** A parked handler given a new chance. */
    record Replay(UUID id, String handler) implements ToEvent {}

    /** A parked handler given up. */
    record Discard(UUID id, String handler) implements ToEvent {}

    /** An event every handler is done with. */
    record Finished(UUID id) implements ToEvent {}

    /** Every retry of a handler due at once. */
    record RetryNow(String handler, Instant now) implements OutboxWrite {}
}
