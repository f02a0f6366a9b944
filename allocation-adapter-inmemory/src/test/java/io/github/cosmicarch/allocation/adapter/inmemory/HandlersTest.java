package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.DuplicateBatch;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.model.UnknownBatch;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.InvalidSku;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingEventPublisher;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications.Sent;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The handlers, through the bus, on the in-memory database: the book's handler tests and more. */
class HandlersTest {

    private static final LocalDate TOMORROW = LocalDate.of(2026, 11, 23);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final InMemoryDatabase database = new InMemoryDatabase();
    private final RecordingNotifications notifications = new RecordingNotifications();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage()
            .notifications(notifications).publisher(publisher).build();

    @BeforeEach
    void startTheDispatcher() {
        bus.dispatcher().start();
    }

    @AfterEach
    void stopTheDispatcher() {
        bus.dispatcher().close();
    }

    private Optional<Product> committed(String sku) {
        try (UnitOfWork uow = database.start()) {
            return uow.products().get(sku);
        }
    }

    private Batch committedBatch(String sku, String reference) {
        return committed(sku).orElseThrow().batch(reference).orElseThrow();
    }

    @Nested
    class AddingABatch {

        @Test
        void forANewProductCreatesTheProduct() {
            bus.handle(CreateBatch.inWarehouse("b1", "CRUNCHY-ARMCHAIR", 100));

            assertThat(committed("CRUNCHY-ARMCHAIR")).isPresent();
            assertThat(committedBatch("CRUNCHY-ARMCHAIR", "b1").purchasedQuantity()).isEqualTo(100);
        }

        @Test
        void forAnExistingProductAddsToIt() {
            bus.handle(CreateBatch.inWarehouse("b1", "GARISH-RUG", 100));
            bus.handle(CreateBatch.arriving("b2", "GARISH-RUG", 99, TOMORROW));

            assertThat(committed("GARISH-RUG").orElseThrow().batches())
                    .extracting(Batch::reference).containsExactly("b1", "b2");
        }

        @Test
        void refusesAReferenceThatAnyProductAlreadyUsesAndWritesNothing() {
            bus.handle(CreateBatch.inWarehouse("b1", "GARISH-RUG", 100));

            assertThatExceptionOfType(DuplicateBatch.class)
                    .isThrownBy(() -> bus.handle(CreateBatch.inWarehouse("b1", "OTHER-RUG", 5)))
                    .withMessage("Duplicate batch reference b1");
            assertThat(committed("OTHER-RUG")).isEmpty();
        }
    }

    @Nested
    class Allocating {

        @Test
        void returnsTheAllocatedBatch() {
            bus.handle(CreateBatch.inWarehouse("batch1", "COMPLICATED-LAMP", 100));

            assertThat(bus.handle(new Allocate("o1", "COMPLICATED-LAMP", 10))).contains("batch1");
        }

        @Test
        void errorsForAnInvalidSkuAndWritesNothing() {
            bus.handle(CreateBatch.inWarehouse("b1", "AREALSKU", 100));

            assertThatExceptionOfType(InvalidSku.class)
                    .isThrownBy(() -> bus.handle(new Allocate("o1", "NONEXISTENTSKU", 10)))
                    .withMessage("Invalid sku NONEXISTENTSKU")
                    .extracting(InvalidSku::sku).isEqualTo("NONEXISTENTSKU");
            assertThat(committed("NONEXISTENTSKU")).isEmpty();
            assertThat(database.allocationsView().allocations("o1")).isEmpty();
        }

        @Test
        void commits() {
            bus.handle(CreateBatch.inWarehouse("b1", "OMINOUS-MIRROR", 100));

            bus.handle(new Allocate("o1", "OMINOUS-MIRROR", 10));

            assertThat(committedBatch("OMINOUS-MIRROR", "b1").availableQuantity()).isEqualTo(90);
            assertThat(committed("OMINOUS-MIRROR").orElseThrow().version()).isEqualTo(2);
        }

        @Test
        void sendsAnEmailWhenOutOfStock() {
            bus.handle(CreateBatch.inWarehouse("b1", "POPULAR-CURTAINS", 9));

            assertThat(bus.handle(new Allocate("o1", "POPULAR-CURTAINS", 10))).isEmpty();

            assertThat(notifications.awaitSent(1, PATIENCE)).containsExactly(new Sent("stock@made.com", "Out of stock for POPULAR-CURTAINS"));
            assertThat(committed("POPULAR-CURTAINS").orElseThrow().version()).isEqualTo(1);
        }

        @Test
        void sendsTheOutOfStockEmailWhereTheBootstrapSays() {
            MessageBus toBuyers = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage()
                    .notifications(notifications).outOfStockAddress("buyers@example.com").build();
            toBuyers.dispatcher().start();
            toBuyers.handle(CreateBatch.inWarehouse("b1", "RARE-VASE", 1));

            toBuyers.handle(new Allocate("o1", "RARE-VASE", 2));

            assertThat(notifications.awaitSent(1, PATIENCE)).containsExactly(new Sent("buyers@example.com", "Out of stock for RARE-VASE"));
            toBuyers.dispatcher().close();
        }

        @Test
        void publishesTheAllocationAndShowsItInTheReadModel() {
            bus.handle(CreateBatch.inWarehouse("b1", "SHINY-TABLE", 10));

            bus.handle(new Allocate("o1", "SHINY-TABLE", 3));

            assertThat(publisher.awaitPublished(1, PATIENCE)).containsExactly(new Allocated("o1", "SHINY-TABLE", 3, "b1"));
            assertThat(database.allocationsView().allocations("o1")).containsExactly(new OrderAllocation("SHINY-TABLE", "b1"));
        }

        @Test
        void allocatingTheSameLineAgainChangesNothingAndPublishesNothingMore() {
            bus.handle(CreateBatch.inWarehouse("b1", "SHINY-TABLE", 10));
            bus.handle(new Allocate("o1", "SHINY-TABLE", 3));

            assertThat(bus.handle(new Allocate("o1", "SHINY-TABLE", 3))).contains("b1");

            assertThat(publisher.awaitPublished(1, PATIENCE)).hasSize(1);
            assertThat(committedBatch("SHINY-TABLE", "b1").availableQuantity()).isEqualTo(7);
        }
    }

    @Nested
    class ChangingABatchQuantity {

        @Test
        void changesTheAvailableQuantity() {
            bus.handle(CreateBatch.inWarehouse("batch1", "ADORABLE-SETTEE", 100));

            bus.handle(new ChangeBatchQuantity("batch1", 50));

            assertThat(committedBatch("ADORABLE-SETTEE", "batch1").availableQuantity()).isEqualTo(50);
        }

        @Test
        void reallocatesIfNecessary() {
            bus.handle(CreateBatch.inWarehouse("batch1", "INDIFFERENT-TABLE", 50));
            bus.handle(CreateBatch.arriving("batch2", "INDIFFERENT-TABLE", 50, TOMORROW));
            bus.handle(new Allocate("order1", "INDIFFERENT-TABLE", 20));
            bus.handle(new Allocate("order2", "INDIFFERENT-TABLE", 20));
            assertThat(committedBatch("INDIFFERENT-TABLE", "batch1").availableQuantity()).isEqualTo(10);
            assertThat(committedBatch("INDIFFERENT-TABLE", "batch2").availableQuantity()).isEqualTo(50);

            bus.handle(new ChangeBatchQuantity("batch1", 25));

            assertThat(committedBatch("INDIFFERENT-TABLE", "batch1").availableQuantity()).isEqualTo(5);
            assertThat(committedBatch("INDIFFERENT-TABLE", "batch2").availableQuantity()).isEqualTo(30);
            assertThat(database.allocationsView().allocations("order1"))
                    .containsExactly(new OrderAllocation("INDIFFERENT-TABLE", "batch1"));
            assertThat(database.allocationsView().allocations("order2"))
                    .containsExactly(new OrderAllocation("INDIFFERENT-TABLE", "batch2"));
        }

        @Test
        void refusesAnUnknownReferenceAndWritesNothing() {
            bus.handle(CreateBatch.inWarehouse("batch1", "ADORABLE-SETTEE", 100));

            assertThatExceptionOfType(UnknownBatch.class)
                    .isThrownBy(() -> bus.handle(new ChangeBatchQuantity("batch9", 50)))
                    .withMessage("Unknown batch reference batch9");
            assertThat(committed("ADORABLE-SETTEE").orElseThrow().version()).isEqualTo(1);
        }
    }
}
