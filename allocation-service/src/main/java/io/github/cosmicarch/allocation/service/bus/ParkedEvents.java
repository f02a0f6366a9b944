package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.UUID;

/** What an operator does with handlers that gave up: list them, and give one a new chance. */
final class ParkedEvents {

    private final UnitOfWorkFactory unitsOfWork;
    private final Logger log;

    ParkedEvents(UnitOfWorkFactory unitsOfWork, Logger log) {
        this.unitsOfWork = unitsOfWork;
        this.log = log;
    }

    List<PendingEvent> list(int limit) {
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            return uow.outbox().parked(limit);
        }
    }

    boolean replay(UUID eventId, String handler) {
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            boolean parked = uow.outbox().replay(eventId, handler);
            uow.commit();
            if (parked) {
                log.log(Level.INFO, () -> "Handler " + handler + " of event " + eventId + " replayed");
            }
            return parked;
        }
    }
}
