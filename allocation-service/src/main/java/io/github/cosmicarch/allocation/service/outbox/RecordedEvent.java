package io.github.cosmicarch.allocation.service.outbox;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

    /**
     * Records an event under a new id, as a commit that stores it does.
     *
     * @param event what happened
     * @return the event with a new id
     */
    public static RecordedEvent withNewId(DomainEvent event) {
        return new RecordedEvent(newId(), event);
    }

    /**
     * A new id in the layout of UUID version 7 (RFC 9562): the time in milliseconds, then 74
     * random bits. Ids made later sort later, so the stores' indexes grow at one end instead of
     * everywhere, and no thread waits for the shared secure random generator.
     *
     * @return a new id
     */
    public static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = 0x8000_0000_0000_0000L | (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(mostSignificant, leastSignificant);
    }
}
