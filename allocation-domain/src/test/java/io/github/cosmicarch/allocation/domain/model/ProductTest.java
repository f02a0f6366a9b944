package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.TestData.LATER;
import static io.github.cosmicarch.allocation.domain.model.TestData.TODAY;
import static io.github.cosmicarch.allocation.domain.model.TestData.TOMORROW;
import static io.github.cosmicarch.allocation.domain.model.TestData.batch;
import static io.github.cosmicarch.allocation.domain.model.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProductTest {

    @Nested
    class Allocating {

        @Test
        void prefersCurrentStockBatchesToShipments() {
            Batch inStock = batch("in-stock-batch").of("RETRO-CLOCK").quantity(100).build();
            Batch shipment = batch("shipment-batch").of("RETRO-CLOCK").quantity(100).arriving(TOMORROW).build();
            Product product = new Product("RETRO-CLOCK", List.of(shipment, inStock), 0);

            product.allocate(line("oref", "RETRO-CLOCK", 10));

            assertThat(inStock.availableQuantity()).isEqualTo(90);
            assertThat(shipment.availableQuantity()).isEqualTo(100);
        }

        @Test
        void prefersEarlierBatches() {
            Batch earliest = batch("speedy-batch").of("MINIMALIST-SPOON").arriving(TODAY).build();
            Batch medium = batch("normal-batch").of("MINIMALIST-SPOON").arriving(TOMORROW).build();
            Batch latest = batch("slow-batch").of("MINIMALIST-SPOON").arriving(LATER).build();
            Product product = new Product("MINIMALIST-SPOON", List.of(medium, earliest, latest), 0);

            product.allocate(line("order1", "MINIMALIST-SPOON", 10));

            assertThat(earliest.availableQuantity()).isEqualTo(90);
            assertThat(medium.availableQuantity()).isEqualTo(100);
            assertThat(latest.availableQuantity()).isEqualTo(100);
        }

        @Test
        void betweenBatchesWithTheSameEtaTheOneAddedFirstWins() {
            Product product = new Product("LAMP");
            product.addBatch(batch("added-first").of("LAMP").arriving(TOMORROW).build());
            product.addBatch(batch("added-second").of("LAMP").arriving(TOMORROW).build());
            product.addBatch(batch("warehouse-second").of("LAMP").build());
            product.addBatch(batch("warehouse-third").of("LAMP").build());

            assertThat(product.batches()).extracting(Batch::reference)
                    .containsExactly("warehouse-second", "warehouse-third", "added-first", "added-second");
            assertThat(product.allocate(line("o1", "LAMP", 100))).contains("warehouse-second");
            assertThat(product.allocate(line("o2", "LAMP", 100))).contains("warehouse-third");
            assertThat(product.allocate(line("o3", "LAMP", 100))).contains("added-first");
        }

        @Test
        void skipsBatchesWithoutRoom() {
            Batch small = batch("small").of("LAMP").quantity(5).build();
            Batch large = batch("large").of("LAMP").quantity(50).arriving(TOMORROW).build();
            Product product = new Product("LAMP", List.of(small, large), 0);

            assertThat(product.allocate(line("o1", "LAMP", 10))).contains("large");
            assertThat(small.availableQuantity()).isEqualTo(5);
        }

        @Test
        void returnsTheAllocatedBatchReference() {
            Batch inStock = batch("in-stock-batch-ref").of("HIGHBROW-POSTER").build();
            Batch shipment = batch("shipment-batch-ref").of("HIGHBROW-POSTER").arriving(TOMORROW).build();
            Product product = new Product("HIGHBROW-POSTER", List.of(inStock, shipment), 0);

            assertThat(product.allocate(line("oref", "HIGHBROW-POSTER", 10))).contains("in-stock-batch-ref");
        }

        @Test
        void recordsAnAllocatedEvent() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").build()), 0);

            product.allocate(line("o1", "LAMP", 10));

            assertThat(product.collectEvents()).containsExactly(new Allocated("o1", "LAMP", 10, "b1"));
        }

        @Test
        void recordsOutOfStockEventIfCannotAllocateAndChangesNothing() {
            Batch batch = batch("batch1").of("SMALL-FORK").quantity(10).build();
            Product product = new Product("SMALL-FORK", List.of(batch), 7);
            product.allocate(line("order1", "SMALL-FORK", 10));
            product.collectEvents();

            assertThat(product.allocate(line("order2", "SMALL-FORK", 1))).isEmpty();

            assertThat(product.collectEvents()).containsExactly(new OutOfStock("SMALL-FORK"));
            assertThat(product.version()).isEqualTo(8);
            assertThat(batch.allocatedQuantity()).isEqualTo(10);
        }

        @Test
        void incrementsTheVersionNumber() {
            Product product = new Product("SCANDI-PEN", List.of(batch("b1").of("SCANDI-PEN").build()), 7);

            product.allocate(line("oref", "SCANDI-PEN", 10));

            assertThat(product.version()).isEqualTo(8);
        }

        @Test
        void allocatingALineTheProductAlreadyHoldsReturnsItsBatchAndRecordsNothing() {
            Batch first = batch("first").of("LAMP").quantity(10).build();
            Batch second = batch("second").of("LAMP").quantity(10).arriving(TOMORROW).build();
            Product product = new Product("LAMP", List.of(first, second), 0);
            product.allocate(line("o1", "LAMP", 10));
            product.collectEvents();

            assertThat(product.allocate(line("o1", "LAMP", 10))).contains("first");

            assertThat(product.collectEvents()).isEmpty();
            assertThat(product.version()).isEqualTo(1);
            assertThat(second.availableQuantity()).isEqualTo(10);
        }

        @Test
        void refusesALineOfAnotherSku() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").build()), 0);

            assertThatExceptionOfType(SkuMismatch.class)
                    .isThrownBy(() -> product.allocate(line("o1", "DESK", 1)))
                    .withMessage("order line of o1 has sku DESK, but the product's sku is LAMP");
            assertThat(product.version()).isZero();
            assertThat(product.collectEvents()).isEmpty();
        }
    }

    @Nested
    class AddingBatches {

        @Test
        void addsTheBatchAndBumpsTheVersion() {
            Product product = new Product("LAMP");

            product.addBatch(batch("b1").of("LAMP").build());

            assertThat(product.batch("b1")).isPresent();
            assertThat(product.version()).isEqualTo(1);
        }

        @Test
        void refusesADuplicateReference() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").quantity(5).build()), 3);

            assertThatExceptionOfType(DuplicateBatch.class)
                    .isThrownBy(() -> product.addBatch(batch("b1").of("LAMP").quantity(9).build()))
                    .withMessage("Duplicate batch reference b1")
                    .extracting(DuplicateBatch::reference).isEqualTo("b1");
            assertThat(product.batches()).hasSize(1);
            assertThat(product.batch("b1").orElseThrow().purchasedQuantity()).isEqualTo(5);
            assertThat(product.version()).isEqualTo(3);
        }

        @Test
        void refusesABatchOfAnotherSku() {
            Product product = new Product("LAMP");

            assertThatExceptionOfType(SkuMismatch.class)
                    .isThrownBy(() -> product.addBatch(batch("b1").of("DESK").build()))
                    .withMessage("batch b1 has sku DESK, but the product's sku is LAMP");
            assertThat(product.batches()).isEmpty();
            assertThat(product.version()).isZero();
        }
    }

    @Nested
    class ChangingABatchQuantity {

        @Test
        void changesThePurchasedQuantityAndBumpsTheVersion() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").quantity(10).build()), 0);

            product.changeBatchQuantity("b1", 25);

            assertThat(product.batch("b1").orElseThrow().purchasedQuantity()).isEqualTo(25);
            assertThat(product.version()).isEqualTo(1);
            assertThat(product.collectEvents()).isEmpty();
        }

        @Test
        void deallocatesTheMostRecentLinesUntilTheBatchFitsAndRecordsEach() {
            Batch batch = batch("b1").of("LAMP").quantity(50).build();
            Product product = new Product("LAMP", List.of(batch), 0);
            product.allocate(line("order1", "LAMP", 20));
            product.allocate(line("order2", "LAMP", 20));
            product.allocate(line("order3", "LAMP", 5));
            product.collectEvents();

            product.changeBatchQuantity("b1", 22);

            assertThat(product.collectEvents()).containsExactly(
                    new Deallocated("order3", "LAMP", 5), new Deallocated("order2", "LAMP", 20));
            assertThat(batch.allocatedQuantity()).isEqualTo(20);
            assertThat(batch.availableQuantity()).isEqualTo(2);
            assertThat(product.version()).isEqualTo(4);
        }

        @Test
        void aDeallocatedLineCanBeAllocatedAgain() {
            Product product = new Product("LAMP", List.of(
                    batch("b1").of("LAMP").quantity(50).build(),
                    batch("b2").of("LAMP").quantity(50).arriving(TOMORROW).build()), 0);
            product.allocate(line("order1", "LAMP", 20));
            product.allocate(line("order2", "LAMP", 20));

            product.changeBatchQuantity("b1", 25);

            assertThat(product.allocate(line("order2", "LAMP", 20))).contains("b2");
            assertThat(product.batch("b1").orElseThrow().availableQuantity()).isEqualTo(5);
            assertThat(product.batch("b2").orElseThrow().availableQuantity()).isEqualTo(30);
        }

        @Test
        void settingTheQuantityTheBatchHasChangesNothing() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").quantity(10).build()), 4);

            product.changeBatchQuantity("b1", 10);

            assertThat(product.version()).isEqualTo(4);
        }

        @Test
        void refusesAnUnknownReference() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").build()), 0);

            assertThatExceptionOfType(UnknownBatch.class)
                    .isThrownBy(() -> product.changeBatchQuantity("b9", 5))
                    .withMessage("Unknown batch reference b9");
            assertThat(product.version()).isZero();
        }

        @Test
        void refusesANegativeQuantity() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").quantity(10).build()), 0);

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> product.changeBatchQuantity("b1", -1))
                    .withMessage("quantity must be at least 0, but was -1");
            assertThat(product.batch("b1").orElseThrow().purchasedQuantity()).isEqualTo(10);
            assertThat(product.version()).isZero();
        }
    }

    @Nested
    class Events {

        @Test
        void areCollectedOnceInTheOrderTheyHappened() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").quantity(10).build()), 0);
            product.allocate(line("o1", "LAMP", 10));
            product.allocate(line("o2", "LAMP", 1));

            assertThat(product.collectEvents())
                    .containsExactly(new Allocated("o1", "LAMP", 10, "b1"), new OutOfStock("LAMP"));
            assertThat(product.collectEvents()).isEmpty();
        }
    }

    @Nested
    class DecidingOnStoredAllocations {

        private final Batch restored = new Batch("b1", "LAMP", 10, null, 7);
        private final Product product = new Product("LAMP", List.of(restored, batch("b2").of("LAMP").arriving(TOMORROW).build()), 3);
        private final Allocations stored = new Allocations(Map.of(line("o1", "LAMP", 4), "b1"));
        private final Allocations inBatch = new Allocations(twoLines(line("o1", "LAMP", 4), line("o2", "LAMP", 3)));

        @Test
        void aLineStorageHoldsIsAnsweredWithItsBatchAndChangesNothing() {
            assertThat(product.allocate(line("o1", "LAMP", 4), stored)).contains("b1");

            assertThat(product.version()).isEqualTo(3);
            assertThat(product.collectEvents()).isEmpty();
        }

        @Test
        void aLineAllocatedSinceWinsOverWhatStorageSaid() {
            product.allocate(line("o9", "LAMP", 3), Allocations.none());

            assertThat(product.allocate(line("o9", "LAMP", 3), Allocations.none())).contains("b1");
            assertThat(restored.availableQuantity()).isZero();
        }

        @Test
        void shrinkingGivesBackTheNewestOfTheStoredLinesAndThoseAllocatedSince() {
            product.changeBatchQuantity("b1", 12, inBatch);
            product.allocate(line("o3", "LAMP", 2), Allocations.none());

            product.changeBatchQuantity("b1", 5, inBatch);

            assertThat(product.collectEvents()).containsExactly(
                    new Allocated("o3", "LAMP", 2, "b1"),
                    new Deallocated("o3", "LAMP", 2), new Deallocated("o2", "LAMP", 3));
            assertThat(restored.allocatedQuantity()).isEqualTo(4);
            assertThat(product.allocate(line("o2", "LAMP", 3), inBatch)).contains("b2");
        }

        @Test
        void aLineGivenBackSinceIsNotHeldWhateverStorageSaid() {
            product.changeBatchQuantity("b1", 4, inBatch);
            product.collectEvents();

            assertThat(product.allocate(line("o2", "LAMP", 3), inBatch)).contains("b2");
            assertThat(product.collectEvents()).containsExactly(new Allocated("o2", "LAMP", 3, "b2"));
        }

        @Test
        void aLineGivenBackAndAllocatedAgainToItsBatchIsItsNewestLine() {
            product.changeBatchQuantity("b1", 4, inBatch);
            product.changeBatchQuantity("b1", 10, inBatch);
            product.allocate(line("o2", "LAMP", 3), inBatch);
            product.allocate(line("o4", "LAMP", 1), Allocations.none());
            product.collectEvents();

            product.changeBatchQuantity("b1", 4, inBatch);

            assertThat(product.collectEvents()).containsExactly(
                    new Deallocated("o4", "LAMP", 1), new Deallocated("o2", "LAMP", 3));
        }

        @Test
        void allocatingWithoutTheStoredAllocationsIsRefusedAndChangesNothing() {
            assertThatIllegalStateException()
                    .isThrownBy(() -> product.allocate(line("o1", "LAMP", 4)))
                    .withMessage("Product LAMP was restored holding 7 units: allocate with the allocations stored of"
                            + " the line (Products.allocationsOf)");
            assertThat(product.version()).isEqualTo(3);
            assertThat(product.collectEvents()).isEmpty();
        }

        @Test
        void shrinkingToWhatTheBatchHoldsNeedsNoLine() {
            product.changeBatchQuantity("b1", 7);

            assertThat(restored.availableQuantity()).isZero();
            assertThat(product.collectEvents()).isEmpty();
        }

        @Test
        void refusesToShrinkOnLinesThatDoNotAddUpAndChangesNothing() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> product.changeBatchQuantity("b1", 2, stored))
                    .withMessage("The lines given for batch b1 add up to 4 units with those allocated since, but it holds 7:"
                            + " give every allocation stored in the batch");
            assertThat(restored.purchasedQuantity()).isEqualTo(10);
            assertThat(product.version()).isEqualTo(3);
            assertThat(product.collectEvents()).isEmpty();
        }

        @Test
        void refusesAllocationsOfABatchItDoesNotHave() {
            Allocations elsewhere = new Allocations(Map.of(line("o1", "LAMP", 4), "b9"));

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> product.allocate(line("o1", "LAMP", 4), elsewhere))
                    .withMessageContaining("b9").withMessageContaining("LAMP");
        }

        @Test
        void aNewBatchMustHoldNothing() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> product.addBatch(new Batch("b3", "LAMP", 5, null, 1)))
                    .withMessage("A new batch holds nothing, but batch b3 holds 1 units");
            assertThat(product.batch("b3")).isEmpty();
        }

        private static Map<OrderLine, String> twoLines(OrderLine older, OrderLine newer) {
            Map<OrderLine, String> map = new LinkedHashMap<>();
            map.put(older, "b1");
            map.put(newer, "b1");
            return map;
        }
    }

    @Nested
    class Restoring {

        @Test
        void keepsTheVersionAndRecordsNothing() {
            Product product = new Product("LAMP", List.of(batch("b1").of("LAMP").build()), 42);

            assertThat(product.version()).isEqualTo(42);
            assertThat(product.collectEvents()).isEmpty();
        }

        @Test
        void refusesANegativeVersionOrBlankSku() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Product("LAMP", List.of(), -1))
                    .withMessage("version must be at least 0, but was -1");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Product(""))
                    .withMessage("sku must not be blank, but was \"\"");
        }
    }

    @Test
    void productsAreEqualBySku() {
        assertThat(new Product("LAMP")).isEqualTo(new Product("LAMP", List.of(), 9)).isNotEqualTo(new Product("DESK"));
    }

    @Test
    void productsAreEqualBySkuAndPrintTheirSkuVersionAndBatches() {
        Product lamp = new Product("LAMP", List.of(batch("b1").of("LAMP").build()), 3);

        assertThat(lamp)
                .isEqualTo(new Product("LAMP"))
                .hasSameHashCodeAs(new Product("LAMP"))
                .isNotEqualTo(new Product("DESK"))
                .isNotEqualTo("LAMP")
                .isNotEqualTo(null)
                .hasToString("Product[LAMP, version 3, 1 batches]");
        assertThat(lamp.hashCode()).isNotEqualTo(new Product("DESK").hashCode());
    }

    @Test
    void refusalsNameWhatWasRefused() {
        Product lamp = new Product("LAMP", List.of(batch("b1").of("LAMP").build()), 0);

        SkuMismatch mismatch = catchThrowableOfType(SkuMismatch.class, () -> lamp.allocate(line("o1", "DESK", 1)));
        UnknownBatch unknown = catchThrowableOfType(UnknownBatch.class, () -> lamp.changeBatchQuantity("b9", 1));

        assertThat(mismatch.expectedSku()).isEqualTo("LAMP");
        assertThat(mismatch.actualSku()).isEqualTo("DESK");
        assertThat(unknown.reference()).isEqualTo("b9");
    }
}
