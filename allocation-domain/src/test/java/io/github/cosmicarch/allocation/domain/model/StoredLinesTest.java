package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.TestData.TOMORROW;
import static io.github.cosmicarch.allocation.domain.model.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.event.Allocated;
import io.github.cosmicarch.allocation.domain.event.Deallocated;
import io.github.cosmicarch.allocation.domain.event.OutOfStock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A product restored with its lines left in storage reads only what a decision needs. */
class StoredLinesTest {

    private final LinesInStorage storage = new LinesInStorage()
            .hold("warehouse", line("old-1", "LAMP", 4), line("old-2", "LAMP", 3))
            .hold("ship", line("old-3", "LAMP", 5));

    private Product restored() {
        return new Product("LAMP", List.of(
                Batch.withStoredLines("warehouse", "LAMP", 10, null, 7, storage),
                Batch.withStoredLines("ship", "LAMP", 10, TOMORROW, 5, storage)), 12, storage);
    }

    @Test
    void allocatingANewLineAsksOnlyWhetherThatLineIsHeld() {
        Product product = restored();

        assertThat(product.allocate(line("new", "LAMP", 3))).contains("warehouse");

        assertThat(storage.asked).containsExactly("holder of new");
        assertThat(product.batch("warehouse").orElseThrow().availableQuantity()).isZero();
        assertThat(product.version()).isEqualTo(13);
    }

    @Test
    void aLineHeldInStorageIsAnsweredWithItsBatchAndRecordsNothing() {
        Product product = restored();

        assertThat(product.allocate(line("old-3", "LAMP", 5))).contains("ship");

        assertThat(product.collectEvents()).isEmpty();
        assertThat(product.version()).isEqualTo(12);
        assertThat(storage.asked).containsExactly("holder of old-3");
    }

    @Test
    void shrinkingWithinTheFreeUnitsReadsNothing() {
        Product product = restored();

        product.changeBatchQuantity("warehouse", 8);

        assertThat(storage.asked).isEmpty();
    }

    @Test
    void shrinkingBelowTheAllocatedUnitsReadsThatBatchOnlyAndGivesBackTheNewestFirst() {
        Product product = restored();
        product.allocate(line("new", "LAMP", 3));

        product.changeBatchQuantity("warehouse", 4);

        assertThat(product.collectEvents()).containsExactly(
                new Allocated("new", "LAMP", 3, "warehouse"),
                new Deallocated("new", "LAMP", 3),
                new Deallocated("old-2", "LAMP", 3));
        assertThat(product.batch("warehouse").orElseThrow().allocations()).containsExactly(line("old-1", "LAMP", 4));
        assertThat(storage.asked).containsExactly("holder of new", "lines of warehouse");
    }

    @Test
    void aLineGivenBackIsNotTakenForHeldBecauseStorageStillShowsIt() {
        Product product = restored();
        product.changeBatchQuantity("warehouse", 4);
        product.collectEvents();

        assertThat(product.allocate(line("old-2", "LAMP", 3))).contains("ship");
    }

    @Test
    void listingTheLinesReadsThemOnceOlderFirst() {
        Product product = restored();
        product.allocate(line("new", "LAMP", 3));
        Batch warehouse = product.batch("warehouse").orElseThrow();

        assertThat(warehouse.allocations()).containsExactly(line("old-1", "LAMP", 4), line("old-2", "LAMP", 3), line("new", "LAMP", 3));
        assertThat(warehouse.isAllocated(line("old-1", "LAMP", 4))).isTrue();
        assertThat(storage.asked).containsExactly("holder of new", "lines of warehouse");
    }

    @Test
    void aLineAddedSinceIsHeldOnceWhenItsCommitPutItInStorageToo() {
        Product product = restored();
        product.allocate(line("new", "LAMP", 3));
        storage.hold("warehouse", line("new", "LAMP", 3));

        assertThat(product.batch("warehouse").orElseThrow().allocations())
                .containsExactly(line("old-1", "LAMP", 4), line("old-2", "LAMP", 3), line("new", "LAMP", 3));
        product.changeBatchQuantity("warehouse", 7);
        assertThat(product.batch("warehouse").orElseThrow().allocations())
                .containsExactly(line("old-1", "LAMP", 4), line("old-2", "LAMP", 3));
    }

    @Test
    void aShrinkWhoseLinesCannotBeReadLeavesTheProductUnchanged() {
        StoredLines unreadable = new StoredLines() {
            @Override
            public Optional<String> batchHolding(OrderLine line) {
                return Optional.empty();
            }

            @Override
            public List<OrderLine> heldBy(String batchReference) {
                throw new IllegalStateException("storage moved on");
            }
        };
        Product product = new Product("LAMP", List.of(Batch.withStoredLines("warehouse", "LAMP", 10, null, 7, unreadable)), 12,
                unreadable);

        assertThatIllegalStateException().isThrownBy(() -> product.changeBatchQuantity("warehouse", 4));

        Batch warehouse = product.batch("warehouse").orElseThrow();
        assertThat(warehouse.purchasedQuantity()).isEqualTo(10);
        assertThat(warehouse.allocatedQuantity()).isEqualTo(7);
        assertThat(product.version()).isEqualTo(12);
        assertThat(product.collectEvents()).isEmpty();
    }

    @Test
    void theLinesABatchWasBuiltHoldingAreThoseNoEventAllocated() {
        Product product = new Product("LAMP");
        product.addBatch(new Batch("built", "LAMP", 20, null, List.of(line("restored-1", "LAMP", 4), line("restored-2", "LAMP", 3))));
        product.allocate(line("allocated", "LAMP", 2));
        product.changeBatchQuantity("built", 7);
        product.allocate(line("again", "LAMP", 1));

        assertThat(product.batch("built").orElseThrow().allocations())
                .containsExactly(line("restored-1", "LAMP", 4), line("restored-2", "LAMP", 3));
        assertThat(product.linesNotAllocatedSince("built", 0))
                .containsExactly(line("restored-1", "LAMP", 4), line("restored-2", "LAMP", 3));
        product.changeBatchQuantity("built", 20);
        product.allocate(line("later", "LAMP", 5));
        assertThat(product.linesNotAllocatedSince("built", 0))
                .containsExactly(line("restored-1", "LAMP", 4), line("restored-2", "LAMP", 3));
        assertThat(product.linesNotAllocatedSince("built", product.history().size() - 1))
                .containsExactly(line("restored-1", "LAMP", 4), line("restored-2", "LAMP", 3));
        assertThat(product.linesNotAllocatedSince("built", product.history().size()))
                .containsExactly(line("restored-1", "LAMP", 4), line("restored-2", "LAMP", 3), line("later", "LAMP", 5));
    }

    @Test
    void storageThatDisagreesWithTheTotalIsDetected() {
        Batch batch = Batch.withStoredLines("warehouse", "LAMP", 10, null, 9, storage);

        assertThatIllegalStateException()
                .isThrownBy(batch::allocations)
                .withMessage("The stored lines of batch warehouse add up to 7 units with those added since, but its allocated quantity is 9");
    }

    @Test
    void refusesATotalAboveThePurchase() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Batch.withStoredLines("warehouse", "LAMP", 5, null, 6, storage))
                .withMessage("allocatedQuantity must be between 0 and purchasedQuantity (5), but was 6");
    }

    @Test
    void theHistoryKeepsEveryEventAfterTheyAreCollected() {
        Product product = restored();
        product.allocate(line("new", "LAMP", 3));
        product.allocate(line("big", "LAMP", 99));
        product.collectEvents();

        assertThat(product.history()).containsExactly(
                new Allocated("new", "LAMP", 3, "warehouse"), new OutOfStock("LAMP"));
    }
}
