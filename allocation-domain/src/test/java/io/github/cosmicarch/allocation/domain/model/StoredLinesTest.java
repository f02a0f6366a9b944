package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.TestData.TOMORROW;
import static io.github.cosmicarch.allocation.domain.model.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.port.LinesToRead;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A product restored with its lines left in storage decides on the lines it is given, and never asks for more. */
class StoredLinesTest {

    private final LinesInStorage storage = new LinesInStorage()
            .hold("warehouse", line("old-1", "LAMP", 4), line("old-2", "LAMP", 3))
            .hold("ship", line("old-3", "LAMP", 5));

    private Product restored() {
        return new Product("LAMP", List.of(
                Batch.withLinesInStorage("warehouse", "LAMP", 10, null, 7),
                Batch.withLinesInStorage("ship", "LAMP", 10, TOMORROW, 5)), 12);
    }

    private Product restoredKnowing(LinesToRead lines) {
        Product product = restored();
        product.learn(storage.read(lines));
        return product;
    }

    @Test
    void allocatesANewLineKnowingOnlyThatItIsNotHeld() {
        Product product = restoredKnowing(LinesToRead.whereHeld(line("new", "LAMP", 3)));

        assertThat(product.allocate(line("new", "LAMP", 3))).contains("warehouse");

        assertThat(product.batch("warehouse").orElseThrow().availableQuantity()).isZero();
        assertThat(product.version()).isEqualTo(13);
        assertThat(product.collectEvents()).containsExactly(new Allocated("new", "LAMP", 3, "warehouse"));
    }

    @Test
    void aLineHeldInStorageIsAnsweredWithItsBatchAndRecordsNothing() {
        Product product = restoredKnowing(LinesToRead.whereHeld(line("old-3", "LAMP", 5)));

        assertThat(product.allocate(line("old-3", "LAMP", 5))).contains("ship");

        assertThat(product.collectEvents()).isEmpty();
        assertThat(product.version()).isEqualTo(12);
    }

    @Test
    void refusesToAllocateALineItWasNotToldAboutAndChangesNothing() {
        Product product = restoredKnowing(LinesToRead.whereHeld(line("other", "LAMP", 1)));

        assertThatIllegalStateException()
                .isThrownBy(() -> product.allocate(line("old-1", "LAMP", 4)))
                .withMessage("Product LAMP was read without knowing whether OrderLine[orderId=old-1, sku=LAMP, quantity=4]"
                        + " is held: read it with that line");

        assertThat(product.version()).isEqualTo(12);
        assertThat(product.batch("warehouse").orElseThrow().allocatedQuantity()).isEqualTo(7);
        assertThat(product.collectEvents()).isEmpty();
    }

    @Test
    void gettersNeverGuessAtLinesItWasNotGiven() {
        Product product = restoredKnowing(LinesToRead.whereHeld(line("old-1", "LAMP", 4)));
        Batch warehouse = product.batch("warehouse").orElseThrow();

        assertThat(warehouse.allocations()).isEmpty();
        assertThat(warehouse.allocatedQuantity()).isEqualTo(7);
        assertThat(product.knowsEveryLine()).isFalse();
    }

    @Test
    void shrinkingWithinTheFreeUnitsNeedsNoLine() {
        Product product = restored();

        product.changeBatchQuantity("warehouse", 8);

        assertThat(product.batch("warehouse").orElseThrow().availableQuantity()).isEqualTo(1);
        assertThat(product.version()).isEqualTo(13);
    }

    @Test
    void shrinkingBelowTheAllocatedUnitsWithoutTheBatchsLinesIsRefusedAndChangesNothing() {
        Product product = restored();

        assertThatIllegalStateException()
                .isThrownBy(() -> product.changeBatchQuantity("warehouse", 4))
                .withMessageContaining("Batch warehouse must give lines back to shrink to 4");

        Batch warehouse = product.batch("warehouse").orElseThrow();
        assertThat(warehouse.purchasedQuantity()).isEqualTo(10);
        assertThat(warehouse.allocatedQuantity()).isEqualTo(7);
        assertThat(product.version()).isEqualTo(12);
        assertThat(product.collectEvents()).isEmpty();
    }

    @Test
    void shrinkingBelowTheAllocatedUnitsGivesBackTheNewestFirstLinesAddedSinceIncluded() {
        Product product = restoredKnowing(LinesToRead.whereHeld(line("new", "LAMP", 3)));
        product.allocate(line("new", "LAMP", 3));
        product.learn(storage.read(LinesToRead.ofBatch("warehouse")));

        product.changeBatchQuantity("warehouse", 4);

        assertThat(product.collectEvents()).containsExactly(
                new Allocated("new", "LAMP", 3, "warehouse"),
                new Deallocated("new", "LAMP", 3),
                new Deallocated("old-2", "LAMP", 3));
        assertThat(product.batch("warehouse").orElseThrow().allocations()).contains(List.of(line("old-1", "LAMP", 4)));
        assertThat(product.batch("ship").orElseThrow().allocations()).isEmpty();
    }

    @Test
    void aLineGivenBackIsNotTakenForHeldWhenStorageStillShowsIt() {
        Product product = restoredKnowing(LinesToRead.ofBatch("warehouse"));
        product.changeBatchQuantity("warehouse", 4);
        product.collectEvents();
        product.learn(storage.read(LinesToRead.whereHeld(line("old-2", "LAMP", 3))));

        assertThat(product.allocate(line("old-2", "LAMP", 3))).contains("ship");
    }

    @Test
    void aLineGivenBackAndAllocatedAgainIsHeldOnceWhenEveryLineIsRead() {
        Product product = restoredKnowing(LinesToRead.ofBatch("warehouse"));
        product.changeBatchQuantity("warehouse", 4);
        product.allocate(line("old-2", "LAMP", 3));
        product.changeBatchQuantity("warehouse", 10);

        product.learn(storage.read(LinesToRead.all()));

        assertThat(product.batch("warehouse").orElseThrow().allocations()).contains(List.of(line("old-1", "LAMP", 4)));
        assertThat(product.batch("ship").orElseThrow().allocations())
                .contains(List.of(line("old-3", "LAMP", 5), line("old-2", "LAMP", 3)));
        assertThat(product.knowsEveryLine()).isTrue();
    }

    @Test
    void aLineAddedSinceIsHeldOnceWhenItsCommitPutItInStorageToo() {
        Product product = restoredKnowing(LinesToRead.whereHeld(line("new", "LAMP", 3)));
        product.allocate(line("new", "LAMP", 3));
        storage.hold("warehouse", line("new", "LAMP", 3));

        product.learn(storage.read(LinesToRead.all()));

        assertThat(product.batch("warehouse").orElseThrow().allocations())
                .contains(List.of(line("old-1", "LAMP", 4), line("old-2", "LAMP", 3), line("new", "LAMP", 3)));
        product.changeBatchQuantity("warehouse", 7);
        assertThat(product.batch("warehouse").orElseThrow().allocations())
                .contains(List.of(line("old-1", "LAMP", 4), line("old-2", "LAMP", 3)));
    }

    @Test
    void whatTheProductKnowsWinsOverWhatStorageSaysOfTheSameLine() {
        Product product = restoredKnowing(LinesToRead.ofBatch("warehouse"));
        product.changeBatchQuantity("warehouse", 4);

        product.learn(new StoredLines(Map.of(line("old-2", "LAMP", 3), "warehouse"), Set.of(), Map.of()));

        assertThat(product.allocate(line("old-2", "LAMP", 3))).contains("ship");
    }

    @Test
    void linesThatDoNotAddUpToTheTotalAreRefusedAndChangeNothing() {
        Product product = restored();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> product.learn(new StoredLines(Map.of(), Set.of(),
                        Map.of("warehouse", List.of(line("old-1", "LAMP", 4))))))
                .withMessage("The stored lines of batch warehouse add up to 4 units with those allocated since,"
                        + " but its allocated quantity is 7");
        assertThat(product.batch("warehouse").orElseThrow().allocations()).isEmpty();
    }

    @Test
    void linesOfABatchTheProductDoesNotHaveAreRefused() {
        Product product = restored();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> product.learn(new StoredLines(Map.of(line("x", "LAMP", 1), "elsewhere"), Set.of(), Map.of())))
                .withMessage("Storage says batch elsewhere holds OrderLine[orderId=x, sku=LAMP, quantity=1],"
                        + " but product LAMP has no such batch");
    }

    @Test
    void theLinesABatchWasBuiltHoldingAreThoseNoEventAllocated() {
        Product product = new Product("LAMP");
        product.addBatch(new Batch("built", "LAMP", 20, null, List.of(line("restored-1", "LAMP", 4), line("restored-2", "LAMP", 3))));
        product.allocate(line("allocated", "LAMP", 2));
        product.changeBatchQuantity("built", 7);
        product.allocate(line("again", "LAMP", 1));

        assertThat(product.batch("built").orElseThrow().allocations())
                .contains(List.of(line("restored-1", "LAMP", 4), line("restored-2", "LAMP", 3)));
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
    void aBatchRestoredWithoutItsLinesIsNotNewToStorage() {
        Product product = restored();

        assertThatIllegalStateException().isThrownBy(() -> product.linesNotAllocatedSince("warehouse", 0));
    }

    @Test
    void refusesATotalAboveThePurchase() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Batch.withLinesInStorage("warehouse", "LAMP", 5, null, 6))
                .withMessage("allocatedQuantity must be between 0 and purchasedQuantity (5), but was 6");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Batch.withLinesInStorage("warehouse", "LAMP", 5, null, -1))
                .withMessage("allocatedQuantity must be between 0 and purchasedQuantity (5), but was -1");
    }

    @Test
    void theHistoryKeepsEveryEventAfterTheyAreCollected() {
        Product product = restoredKnowing(new LinesToRead(false, Set.of(line("new", "LAMP", 3), line("big", "LAMP", 99)), Set.of()));
        product.allocate(line("new", "LAMP", 3));
        product.allocate(line("big", "LAMP", 99));
        product.collectEvents();

        assertThat(product.history()).containsExactly(
                new Allocated("new", "LAMP", 3, "warehouse"), new OutOfStock("LAMP"));
    }

    @Test
    void aProductToldEveryLineAnswersAHeldLineWithItsBatchAndRecordsNothing() {
        Product product = restoredKnowing(LinesToRead.all());

        assertThat(product.allocate(line("old-1", "LAMP", 4))).contains("warehouse");
        assertThat(product.allocate(line("old-3", "LAMP", 5))).contains("ship");

        assertThat(product.collectEvents()).isEmpty();
        assertThat(product.version()).isEqualTo(12);
    }

    @Test
    void nothingReadIsNothingLearnt() {
        Product product = restored();

        product.learn(StoredLines.none());

        assertThat(product.knowsEveryLine()).isFalse();
        assertThat(StoredLines.none()).isEqualTo(new StoredLines(Map.of(), Set.of(), Map.of()));
    }
}
