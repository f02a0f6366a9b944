package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.port.Outbox;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.RecordedEvent;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
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
    public UnitOfWork start() {
        UnitOfWork uow = storage.start();
        return new UnitOfWork() {
            @Override
            public Products products() {
                return uow.products();
            }

            @Override
            public Outbox outbox() {
                return uow.outbox();
            }

            @Override
            public void commit() {
                uow.commit();
            }

            @Override
            public void rollback() {
                uow.rollback();
            }

            @Override
            public void close() {
                uow.close();
            }

            @Override
            public List<RecordedEvent> collectNewEvents() {
                List<RecordedEvent> stored = uow.collectNewEvents();
                return crashing ? List.of() : stored;
            }
        };
    }
}
