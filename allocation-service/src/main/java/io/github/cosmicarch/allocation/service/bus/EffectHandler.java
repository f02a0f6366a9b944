package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import java.util.UUID;

/**
 * Reacts to one type of event with an effect outside the database, such as a message on a broker
 * or an e-mail. It runs on the dispatcher's threads, never on the thread that handled the command,
 * at least once for every stored event: after a crash or a failure it runs again, with the same
 * event id, so that receivers can recognise an event they already have.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EffectHandler<E extends DomainEvent> {

    /**
     * Carries out the effect.
     *
     * @param event   the event
     * @param eventId its stable id
     * @throws RuntimeException when the effect failed: the dispatcher retries it as its policy says
     */
    void handle(E event, UUID eventId);
}
