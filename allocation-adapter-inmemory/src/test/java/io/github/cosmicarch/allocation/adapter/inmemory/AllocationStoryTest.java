package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.InvalidSku;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingEventPublisher;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications.Sent;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The whole story of the book, told through the message bus on the in-memory adapter: a shop
 * receives stock, takes orders, runs out, loses part of a batch and moves the orders it held, while
 * the read model, the outgoing events and the stock team's inbox follow along.
 */
class AllocationStoryTest {

    private static final String TABLE = "SMALL-TABLE";
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final InMemoryDatabase database = new InMemoryDatabase();
    private final RecordingNotifications stockTeamInbox = new RecordingNotifications();
    private final RecordingEventPublisher outsideWorld = new RecordingEventPublisher();
    // Chapter 13: one composition root wires the handlers to their dependencies.
    private final MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage()
            .notifications(stockTeamInbox).publisher(outsideWorld).build();
    private final AllocationsView readModel = database.allocationsView();

    @Test
    void theAllocationServiceFromFirstBatchToReallocation() {
        // Effects (publishing, e-mail) run on the dispatcher's threads, which the application starts.
        bus.dispatcher().start();
        // Chapters 1, 4 and 9: stock arrives as batches, each one a command.
        bus.handle(CreateBatch.inWarehouse("warehouse", TABLE, 20));
        bus.handle(CreateBatch.arriving("ship-next-week", TABLE, 50, MONDAY.plusWeeks(1)));
        bus.handle(CreateBatch.arriving("ship-monday", TABLE, 50, MONDAY));
        assertThat(product().batches()).extracting(Batch::reference)
                .as("warehouse stock first, then the earliest shipment")
                .containsExactly("warehouse", "ship-monday", "ship-next-week");

        // Chapter 1: warehouse stock is preferred; then the earliest shipment.
        assertThat(bus.handle(new Allocate("order-1", TABLE, 10))).contains("warehouse");
        assertThat(bus.handle(new Allocate("order-2", TABLE, 15))).contains("ship-monday");

        // Stricter than the book: the same line again changes nothing and tells nobody.
        assertThat(bus.handle(new Allocate("order-1", TABLE, 10))).contains("warehouse");
        assertThat(outsideWorld.awaitPublished(2, PATIENCE)).hasSize(2);

        // Chapter 4: an unknown product is refused, and nothing is written.
        assertThatExceptionOfType(InvalidSku.class)
                .isThrownBy(() -> bus.handle(new Allocate("order-9", "FLYING-CARPET", 1)))
                .withMessage("Invalid sku FLYING-CARPET");

        // Chapter 8: running out of stock is an event; its handler e-mails the stock team.
        assertThat(bus.handle(new Allocate("order-3", TABLE, 500))).isEmpty();
        assertThat(stockTeamInbox.awaitSent(1, PATIENCE)).containsExactly(new Sent("stock@made.com", "Out of stock for SMALL-TABLE"));

        // Chapter 12: reads go to the read model, not through the domain.
        assertThat(readModel.allocations("order-1")).containsExactly(new OrderAllocation(TABLE, "warehouse"));
        assertThat(readModel.allocations("order-3")).isEmpty();

        // Chapters 9 and 11: the warehouse batch shrinks (in the book, an external event says so);
        // its newest line no longer fits, is deallocated, and its handler allocates it again.
        bus.handle(new ChangeBatchQuantity("warehouse", 5));
        assertThat(readModel.allocations("order-1")).containsExactly(new OrderAllocation(TABLE, "ship-monday"));
        assertThat(outsideWorld.awaitPublished(3, PATIENCE)).containsExactly(
                new Allocated("order-1", TABLE, 10, "warehouse"),
                new Allocated("order-2", TABLE, 15, "ship-monday"),
                new Allocated("order-1", TABLE, 10, "ship-monday"));

        // Chapter 7: the product is the consistency boundary, and its version counts every change:
        // three batches added, two allocations, one change of quantity, one reallocation.
        Product product = product();
        assertThat(product.version()).isEqualTo(7);
        assertThat(product.batch("warehouse").orElseThrow().availableQuantity()).isEqualTo(5);
        assertThat(product.batch("ship-monday").orElseThrow().availableQuantity()).isEqualTo(25);

        // Chapters 6 and 7: a unit of work that read the product before someone else committed
        // cannot commit over them: it meets a conflict, here as soon as it asks whether the line
        // is held, at the latest on commit; the bus would retry it on fresh data.
        try (UnitOfWork stale = database.start()) {
            Product old = stale.products().get(TABLE).orElseThrow();
            bus.handle(new Allocate("order-4", TABLE, 1));
            OrderLine late = new OrderLine("order-5", TABLE, 1);
            assertThatExceptionOfType(ConcurrencyConflict.class).isThrownBy(() -> {
                old.allocate(late, stale.products().allocationsOf(late));
                stale.commit();
            });
        }
        assertThat(readModel.allocations("order-4")).containsExactly(new OrderAllocation(TABLE, "warehouse"));
        assertThat(readModel.allocations("order-5")).isEmpty();
        assertThat(product().version()).isEqualTo(8);
        bus.dispatcher().close();
    }

    private Product product() {
        try (UnitOfWork uow = database.start()) {
            return uow.products().get(TABLE).orElseThrow();
        }
    }
}
