package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A JPA unit of work whose commit fails rolls back and forgets what it read and meant to write. */
class FailedCommitTest {

    private static final JpaDatabase H2 = TestDatabases.keptOpen(TestDatabases.h2());

    private final String sku = "FAILED-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void progressTheDatabaseRefusesIsAStorageFailureAndIsNotTriedAgain() {
        UUID event = allocatedAndCommitted("refused");

        try (OutboxUnitOfWork uow = H2.start()) {
            uow.outbox().record(event, "h".repeat(101), HandlerProgress.done());

            assertThatExceptionOfType(StorageFailure.class).isThrownBy(uow::commit);
            uow.commit();
        }
    }

    @Test
    void aCommitThatConflictsForgetsTheProductsItRead() {
        allocatedAndCommitted("first");
        try (OutboxUnitOfWork stale = H2.start()) {
            OrderLine line = new OrderLine("stale-" + sku, sku, 1);
            stale.products().get(sku).orElseThrow().allocate(line, stale.products().allocationsOf(line));
            allocatedAndCommitted("meanwhile");

            assertThatExceptionOfType(ConcurrencyConflict.class).isThrownBy(stale::commit);

            assertThat(stale.products().get(sku).orElseThrow().version()).isEqualTo(3);
        }
    }

    /** Stores the product on first use, allocates a line of one unit and answers the event's id. */
    private UUID allocatedAndCommitted(String order) {
        try (OutboxUnitOfWork uow = H2.start()) {
            Product product = uow.products().get(sku).orElseGet(() -> {
                Product created = new Product(sku);
                created.addBatch(new Batch(sku + "-batch", sku, 100, null));
                uow.products().add(created);
                return created;
            });
            OrderLine line = new OrderLine(order + "-" + sku, sku, 1);
            product.allocate(line, uow.products().allocationsOf(line));
            uow.commit();
            return uow.collectNewEvents().stream().map(RecordedEvent::id).findFirst().orElseThrow();
        }
    }
}
