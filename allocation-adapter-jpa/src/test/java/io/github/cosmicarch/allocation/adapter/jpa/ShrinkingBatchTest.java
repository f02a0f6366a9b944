package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The book's reallocation on the JPA adapter: a batch that shrinks below what it holds gives
 * back its newest lines, read from the database, until the rest fits, and the bus allocates them
 * again, each where it now fits first.
 */
class ShrinkingBatchTest {

    private static final JpaDatabase H2 = TestDatabases.keptOpen(TestDatabases.h2());

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aShrinkingBatchGivesBackItsNewestLinesWhichAreAllocatedAgainWhereTheyFit() {
        String sku = "TABLE-" + run;
        String warehouse = "warehouse-" + run;
        String shipment = "shipment-" + run;
        MessageBus bus = Bootstrap.builder().unitsOfWork(H2).readModelKeptByStorage().build();
        bus.handle(CreateBatch.inWarehouse(warehouse, sku, 50));
        bus.handle(CreateBatch.arriving(shipment, sku, 50, LocalDate.of(2031, 1, 1)));
        bus.handle(new Allocate("oldest-" + run, sku, 20));
        bus.handle(new Allocate("middle-" + run, sku, 20));
        bus.handle(new Allocate("newest-" + run, sku, 5));

        bus.handle(new ChangeBatchQuantity(warehouse, 25));

        assertThat(H2.allocationsView().allocations("oldest-" + run)).containsExactly(new OrderAllocation(sku, warehouse));
        assertThat(H2.allocationsView().allocations("middle-" + run)).containsExactly(new OrderAllocation(sku, shipment));
        assertThat(H2.allocationsView().allocations("newest-" + run)).containsExactly(new OrderAllocation(sku, warehouse));
        try (OutboxUnitOfWork uow = H2.start()) {
            assertThat(uow.products().get(sku).orElseThrow().batches()).extracting(Batch::reference, Batch::allocatedQuantity)
                    .containsExactly(tuple(warehouse, 25), tuple(shipment, 20));
        }
    }

    @Test
    void aBatchHoldingNothingShrinksWithoutGivingAnythingBack() {
        String sku = "EMPTY-" + run;
        String batch = "empty-" + run;
        MessageBus bus = Bootstrap.builder().unitsOfWork(H2).readModelKeptByStorage().build();
        bus.handle(CreateBatch.inWarehouse(batch, sku, 50));

        bus.handle(new ChangeBatchQuantity(batch, 10));

        try (OutboxUnitOfWork uow = H2.start()) {
            Product product = uow.products().get(sku).orElseThrow();
            assertThat(uow.products().allocationsIn(batch).linesIn(batch)).isEqualTo(List.of());
            assertThat(product.batch(batch).orElseThrow().purchasedQuantity()).isEqualTo(10);
        }
    }

    /**
     * The lines of a batch are read at the version the product was read: once another commit has
     * moved the product, asking for them is a conflict on JPA (the contract allows the commit to
     * be the one that conflicts; this adapter finds it on the read).
     */
    @Test
    void theLinesOfAProductMovedSinceItWasReadAreAConflictOnTheRead() {
        String sku = "MOVED-" + run;
        String batch = "moved-" + run;
        MessageBus bus = Bootstrap.builder().unitsOfWork(H2).readModelKeptByStorage().build();
        bus.handle(CreateBatch.inWarehouse(batch, sku, 50));

        try (OutboxUnitOfWork stale = H2.start()) {
            stale.products().get(sku).orElseThrow();
            bus.handle(new Allocate("meanwhile-" + run, sku, 5));

            ConcurrencyConflict ofBatch = catchThrowableOfType(ConcurrencyConflict.class,
                    () -> stale.products().allocationsIn(batch));
            ConcurrencyConflict ofLine = catchThrowableOfType(ConcurrencyConflict.class,
                    () -> stale.products().allocationsOf(new OrderLine("meanwhile-" + run, sku, 5)));

            assertThat(ofBatch).isNotNull();
            assertThat(ofBatch.sku()).contains(sku);
            assertThat(ofLine).isNotNull();
            assertThat(ofLine.sku()).contains(sku);
        }
    }
}
