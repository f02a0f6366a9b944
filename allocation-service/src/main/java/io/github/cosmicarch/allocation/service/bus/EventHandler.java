package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;

/**
 * Reacts to one type of event inside a unit of work the bus started for it alone, such as
 * reallocating a line that lost its batch. The bus marks the event done for this handler in that
 * unit of work before calling it, so the handler's commit keeps its work and the mark together:
 * its effect on the database happens exactly once. A handler that does not commit is committed for
 * by the bus when it returns.
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
