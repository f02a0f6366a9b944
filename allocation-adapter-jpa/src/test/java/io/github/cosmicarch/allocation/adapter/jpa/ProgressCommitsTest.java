package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which commits may skip waiting for the disk: those that record only the dispatcher's progress.
 * An allocation, a product changed beside progress and an operator's replay wait
 * ({@link PostgresProgressCommitsTest} shows the difference on PostgreSQL).
 */
class ProgressCommitsTest {

    private static final JpaDatabase DATABASE = TestDatabases.keptOpen(TestDatabases.h2());

    private final AtomicInteger withoutWaiting = new AtomicInteger();
    private final JpaUnitOfWorkFactory units = new JpaUnitOfWorkFactory(DATABASE.entityManagerFactory(), 0, CallerTransactions.NONE,
            new PostgresCommits() {
                @Override
                void commitWithoutWaiting(EntityManager em, Statements writes) {
                    withoutWaiting.incrementAndGet();
                    super.commitWithoutWaiting(em, writes);
                }
            });
    private final String sku = "PROGRESS-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theDispatchersProgressAloneIsCommittedWithoutWaiting() {
        UUID event = allocated("first");
        assertThat(withoutWaiting).as("product and allocation").hasValue(0);

        try (OutboxUnitOfWork uow = units.start()) {
            assertThat(uow.outbox().claim(List.of(event), Set.of())).hasSize(1);
            uow.outbox().record(event, "publish", HandlerProgress.done());
            uow.commit();
        }
        try (OutboxUnitOfWork uow = units.start()) {
            assertThat(uow.outbox().claim(List.of(event), Set.of())).hasSize(1);
            uow.outbox().finished(event);
            uow.commit();
        }

        assertThat(withoutWaiting).as("a handler done, then the event finished").hasValue(2);
    }

    @Test
    void progressCommittedWithAProductChangeWaits() {
        UUID event = allocated("first");

        try (OutboxUnitOfWork uow = units.start()) {
            assertThat(uow.outbox().claim(List.of(event), Set.of())).hasSize(1);
            uow.outbox().record(event, "reallocate", HandlerProgress.done());
            OrderLine line = new OrderLine(sku + "-second", sku, 1);
            uow.products().get(sku).orElseThrow().allocate(line, uow.products().allocationsOf(line));
            uow.commit();
        }

        assertThat(withoutWaiting).hasValue(0);
    }

    @Test
    void aReplayOfAParkedHandlerWaits() {
        UUID event = allocated("first");
        try (OutboxUnitOfWork uow = units.start()) {
            assertThat(uow.outbox().claim(List.of(event), Set.of())).hasSize(1);
            uow.outbox().record(event, "publish", HandlerProgress.parked(3, "the broker refused it"));
            uow.commit();
        }
        assertThat(withoutWaiting).as("parking is the dispatcher's progress").hasValue(1);

        try (OutboxUnitOfWork uow = units.start()) {
            assertThat(uow.outbox().replay(event, "publish")).isTrue();
            uow.commit();
        }
        try (OutboxUnitOfWork uow = units.start()) {
            assertThat(uow.outbox().claim(List.of(event), Set.of())).as("due again").hasSize(1);
        }

        assertThat(withoutWaiting).as("the replay waited").hasValue(1);
    }

    private UUID allocated(String order) {
        try (OutboxUnitOfWork uow = units.start()) {
            Product product = new Product(sku);
            product.addBatch(new Batch(sku + "-batch", sku, 10, null));
            uow.products().add(product);
            uow.commit();
        }
        try (OutboxUnitOfWork uow = units.start()) {
            OrderLine line = new OrderLine(sku + "-" + order, sku, 1);
            uow.products().get(sku).orElseThrow().allocate(line, uow.products().allocationsOf(line));
            uow.commit();
            List<RecordedEvent> events = uow.collectNewEvents();
            assertThat(events).hasSize(1);
            return events.get(0).id();
        }
    }
}
