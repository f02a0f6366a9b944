package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;

/**
 * Reacts to one type of event inside a unit of work the bus started for it alone. An event may
 * have any number of handlers; the failure of one is logged and does not stop the others.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E extends DomainEvent> {

    /**
     * Reacts to the event.
     *
     * @param event the event
     * @param uow   a unit of work started for this handler alone
     */
    void handle(E event, UnitOfWork uow);
}
