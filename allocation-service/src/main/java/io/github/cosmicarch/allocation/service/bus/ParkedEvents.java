package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What an operator does with handlers that gave up (list them, give one a new chance, or give it up), and how far behind the work is. */
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

    Optional<Instant> oldestPendingSince() {
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            return uow.outbox().oldestPendingSince();
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

    /**
     * Gives up a parked handler: it counts as done, and the dispatcher forgets the event once every
     * handler is. The operator decided the effect is not wanted, or made it by hand.
     */
    boolean discard(UUID eventId, String handler) {
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            boolean parked = uow.outbox().discard(eventId, handler);
            uow.commit();
            if (parked) {
                log.log(Level.WARNING, () -> "Handler " + handler + " of event " + eventId
                        + " discarded by an operator: it will not run");
            }
            return parked;
        }
    }
}
