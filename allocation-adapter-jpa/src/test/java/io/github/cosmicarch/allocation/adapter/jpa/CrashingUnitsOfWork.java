package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.testkit.faults.ForwardingUnitOfWork;
import java.util.List;

/**
 * Units of work that, while {@link #crashing} is set, commit as usual but hand the bus none of the
 * events they stored: as if the process died right after the commit, before any handler ran. The
 * events are in the outbox, where only a dispatcher finds them.
 */
final class CrashingUnitsOfWork implements UnitOfWorkFactory {

    private final UnitOfWorkFactory storage;
    volatile boolean crashing;

    CrashingUnitsOfWork(UnitOfWorkFactory storage) {
        this.storage = storage;
    }

    @Override
    public OutboxUnitOfWork start() {
        return new ForwardingUnitOfWork(storage.start()) {
            @Override
            public List<RecordedEvent> collectNewEvents() {
                List<RecordedEvent> stored = super.collectNewEvents();
                return crashing ? List.of() : stored;
            }
        };
    }
}
