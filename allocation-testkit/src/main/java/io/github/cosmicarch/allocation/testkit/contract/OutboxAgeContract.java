package io.github.cosmicarch.allocation.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an adapter's {@link io.github.cosmicarch.allocation.service.outbox.Outbox#oldestPendingSince}
 * answers, on storage that holds no event when each test starts: nothing while no event is
 * pending, then when the oldest pending one was stored, whatever was stored after it, until it is
 * finished or only parked handlers are left to it.
 *
 * <pre>{@code
 * class MyOutboxAgeTest extends OutboxAgeContract {
 *     protected UnitOfWorkFactory emptyStorage() { return new MyDatabase(); }
 * }
 * }</pre>
 */
public abstract class OutboxAgeContract {

    private static final String SKU = "AGED-LAMP";

    /** Creates the contract. */
    protected OutboxAgeContract() {}

    /**
     * A factory on storage of its own, holding no event: called once per test.
     *
     * @return the factory
     */
    protected abstract UnitOfWorkFactory emptyStorage();

    /**
     * Follows the oldest pending event as events are stored, finished and parked.
     *
     * @throws InterruptedException when interrupted while letting the clock move on
     */
    @Test
    public void answersWhenTheOldestPendingEventWasStored() throws InterruptedException {
        UnitOfWorkFactory storage = emptyStorage();
        assertEquals(Optional.empty(), oldest(storage), "no event stored");

        Instant before = Instant.now();
        try (OutboxUnitOfWork uow = storage.start()) {
            uow.products().add(new Product(SKU, List.of(new Batch("aged-batch", SKU, 10, null)), 0));
            uow.commit();
        }
        RecordedEvent first = allocate(storage, "first");
        Instant after = Instant.now();
        Instant firstStored = oldest(storage).orElseThrow();
        assertFalse(firstStored.isBefore(before.minusMillis(1)) || firstStored.isAfter(after.plusMillis(1)),
                "stored between " + before + " and " + after + ": " + firstStored);

        Thread.sleep(5);
        RecordedEvent second = allocate(storage, "second");
        assertEquals(Optional.of(firstStored), oldest(storage), "the first is still the oldest");

        try (OutboxUnitOfWork uow = storage.start()) {
            uow.outbox().claim(List.of(first.id()), Set.of());
            uow.outbox().finished(first.id());
            uow.commit();
        }
        Instant secondStored = oldest(storage).orElseThrow();
        assertTrue(secondStored.isAfter(firstStored), "the second, stored later, is the oldest now: " + secondStored);

        try (OutboxUnitOfWork uow = storage.start()) {
            uow.outbox().claim(List.of(second.id()), Set.of());
            uow.outbox().record(second.id(), "publish", HandlerProgress.parked(3, "broker away"));
            uow.outbox().schedule(second.id(), Optional.empty());
            uow.commit();
        }
        assertEquals(Optional.empty(), oldest(storage), "an event left to a parked handler is not pending");
    }

    private static RecordedEvent allocate(UnitOfWorkFactory storage, String orderId) {
        try (OutboxUnitOfWork uow = storage.start()) {
            StorageSteps.allocate(uow, new OrderLine(orderId, SKU, 1));
            uow.commit();
            return uow.collectNewEvents().get(0);
        }
    }

    private static Optional<Instant> oldest(UnitOfWorkFactory storage) {
        try (OutboxUnitOfWork uow = storage.start()) {
            return uow.outbox().oldestPendingSince();
        }
    }
}
