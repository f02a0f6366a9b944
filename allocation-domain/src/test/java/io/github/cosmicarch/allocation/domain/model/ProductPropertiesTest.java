package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.ProductHistory.histories;
import static io.github.cosmicarch.allocation.domain.model.ProductHistory.play;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.cosmicarch.allocation.domain.model.ProductHistory.Allocate;
import io.github.cosmicarch.allocation.domain.model.ProductHistory.BatchState;
import io.github.cosmicarch.allocation.domain.model.ProductHistory.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.domain.model.ProductHistory.Outcome;
import io.github.cosmicarch.allocation.domain.model.ProductHistory.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * The product's rules, checked over random histories of batches added, lines allocated and
 * batches resized. Each expectation is computed here from the states the product shows, without
 * the product's own bookkeeping.
 */
class ProductPropertiesTest {

    private static final int EXAMPLES = 1_000;

    /** Warehouse stock first, then the earliest eta; sorting is stable, so addition order breaks ties. */
    private static final Comparator<BatchState> PREFERENCE =
            Comparator.comparing((BatchState batch) -> batch.eta().orElse(null), nullsFirst(naturalOrder()));

    private static QuickTheory examples() {
        return qt().withExamples(EXAMPLES);
    }

    @Test
    void noBatchEverHoldsMoreThanWasPurchased() {
        examples().forAll(histories()).checkAssert(steps -> {
            for (Outcome outcome : play(steps)) {
                for (BatchState batch : outcome.after().batches()) {
                    assertThat(batch.allocated()).as("allocated of %s after %s", batch, outcome.step())
                            .isLessThanOrEqualTo(batch.purchased())
                            .isEqualTo(batch.lines().stream().mapToInt(OrderLine::quantity).sum());
                }
            }
        });
    }

    @Test
    void batchesAreKeptInOrderOfPreferenceWithTiesToTheEarlierAdded() {
        examples().forAll(histories()).checkAssert(steps -> {
            for (Outcome outcome : play(steps)) {
                assertThat(outcome.before().batches()).extracting(BatchState::reference)
                        .containsExactlyElementsOf(preferenceOrder(outcome).stream().map(BatchState::reference).toList());
            }
        });
    }

    @Test
    void allocationChoosesTheFirstBatchInPreferenceOrderThatCanTakeTheLine() {
        examples().forAll(histories()).checkAssert(steps -> {
            for (Outcome outcome : play(steps)) {
                if (outcome.step() instanceof Allocate allocate) {
                    OrderLine line = allocate.line();
                    Optional<String> expected = outcome.before().holderOf(line)
                            .or(() -> firstWithRoom(preferenceOrder(outcome), line))
                            .map(BatchState::reference);
                    assertThat(outcome.allocatedTo()).as("batch for %s", line).isEqualTo(expected);
                    expected.ifPresent(reference -> assertThat(outcome.after().holderOf(line))
                            .map(BatchState::reference).contains(reference));
                }
            }
        });
    }

    @Test
    void outOfStockIsRecordedExactlyWhenNoBatchCouldTakeTheLine() {
        examples().forAll(histories()).checkAssert(steps -> {
            for (Outcome outcome : play(steps)) {
                if (outcome.step() instanceof Allocate allocate) {
                    OrderLine line = allocate.line();
                    boolean noBatchCould = outcome.before().holderOf(line).isEmpty()
                            && outcome.before().batches().stream().noneMatch(batch -> batch.hasRoomFor(line));
                    assertThat(outcome.events().contains(new OutOfStock(ProductHistory.SKU)))
                            .as("OutOfStock for %s in %s", line, outcome.before()).isEqualTo(noBatchCould);
                    assertThat(outcome.allocatedTo().isEmpty()).isEqualTo(noBatchCould);
                    if (noBatchCould) {
                        assertThat(outcome.after()).isEqualTo(outcome.before());
                    }
                }
            }
        });
    }

    @Test
    void theVersionGoesUpByOneForEveryStepThatChangesTheProductAndOnlyThen() {
        examples().forAll(histories()).checkAssert(steps -> {
            for (Outcome outcome : play(steps)) {
                boolean changed = !outcome.after().batches().equals(outcome.before().batches());
                assertThat(outcome.after().version() - outcome.before().version())
                        .as("version change for %s", outcome.step()).isEqualTo(changed ? 1 : 0);
                if (outcome.refused().isPresent()) {
                    assertThat(changed).as("%s refused but changed the product", outcome.step()).isFalse();
                }
            }
        });
    }

    @Test
    void theSameHistoryOnTwoNewProductsGivesTheSameAnswersAndEvents() {
        examples().forAll(histories()).checkAssert(steps -> {
            List<Outcome> first = play(steps);
            List<Outcome> second = play(steps);
            assertThat(second).extracting(Outcome::events).isEqualTo(first.stream().map(Outcome::events).toList());
            assertThat(second).extracting(Outcome::allocatedTo)
                    .isEqualTo(first.stream().map(Outcome::allocatedTo).toList());
            assertThat(second).extracting(Outcome::after).isEqualTo(first.stream().map(Outcome::after).toList());
        });
    }

    @Test
    void everyDeallocatedLineIsNoLongerHeldAndWasAmongTheNewestOfItsBatch() {
        examples().forAll(histories()).checkAssert(steps -> {
            for (Outcome outcome : play(steps)) {
                if (outcome.step() instanceof ChangeBatchQuantity change && outcome.refused().isEmpty()) {
                    List<OrderLine> deallocated = outcome.events().stream()
                            .map(event -> (Deallocated) event)
                            .map(Deallocated::line)
                            .toList();
                    BatchState before = byReference(outcome.before()).get(change.reference());
                    BatchState after = byReference(outcome.after()).get(change.reference());
                    for (OrderLine line : deallocated) {
                        assertThat(outcome.after().holderOf(line)).as("holder of %s", line).isEmpty();
                    }
                    List<OrderLine> newestFirst = new ArrayList<>(before.lines());
                    Collections.reverse(newestFirst);
                    assertThat(deallocated).isEqualTo(newestFirst.subList(0, deallocated.size()));
                    assertThat(after.lines()).isEqualTo(before.lines().subList(0, before.lines().size() - deallocated.size()));
                    if (!deallocated.isEmpty()) {
                        int withoutLastRemoved = after.allocated() + deallocated.get(deallocated.size() - 1).quantity();
                        assertThat(withoutLastRemoved).as("one line too many removed").isGreaterThan(after.purchased());
                    }
                }
            }
        });
    }

    @Test
    void aProductRestoredFromStorageAndGivenWhatEachDecisionNeedsBehavesExactlyLikeOneThatStayedInMemory() {
        examples().forAll(histories(), histories()).checkAssert((before, after) -> {
            Product inMemory = new Product(ProductHistory.SKU);
            Map<OrderLine, String> held = new LinkedHashMap<>();
            ProductHistory.apply(replayEvents(inMemory, before), held);
            Allocations stored = new Allocations(held);
            Product restored = new Product(inMemory.sku(), inMemory.batches().stream()
                    .map(batch -> new Batch(batch.reference(), batch.sku(), batch.purchasedQuantity(),
                            batch.eta().orElse(null), batch.allocatedQuantity()))
                    .toList(), inMemory.version());

            assertThat(replay(restored, after, stored)).isEqualTo(replay(inMemory, after, null));
        });
    }

    private static List<DomainEvent> replayEvents(Product product, List<ProductHistory.Step> steps) {
        List<DomainEvent> events = new ArrayList<>();
        for (ProductHistory.Step step : steps) {
            try {
                step.applyTo(product, Allocations.none());
            } catch (AllocationException refused) {
                // a refused step changes nothing
            }
            events.addAll(product.collectEvents());
        }
        return events;
    }

    /**
     * Plays the steps and tells, step by step, the answer or refusal, the events and the batches.
     * With {@code stored}, each step is given what a repository reads of it for the step, as
     * stored when the product was read; without, nothing.
     */
    private static List<String> replay(Product product, List<ProductHistory.Step> steps, Allocations stored) {
        List<String> said = new ArrayList<>();
        for (ProductHistory.Step step : steps) {
            Allocations given = stored == null ? Allocations.none() : step.needed(stored);
            try {
                said.add(step + " -> " + step.applyTo(product, given));
            } catch (AllocationException refused) {
                said.add(step + " -> " + refused.getMessage());
            }
            said.add("events " + product.collectEvents() + ", version " + product.version() + ", " + product.batches());
        }
        return said;
    }

    private static List<BatchState> preferenceOrder(Outcome outcome) {
        Map<String, BatchState> byReference = byReference(outcome.before());
        return outcome.additionOrder().stream().map(byReference::get).sorted(PREFERENCE).toList();
    }

    private static Optional<BatchState> firstWithRoom(List<BatchState> batches, OrderLine line) {
        return batches.stream().filter(batch -> batch.hasRoomFor(line)).findFirst();
    }

    private static Map<String, BatchState> byReference(Snapshot snapshot) {
        return snapshot.batches().stream().collect(Collectors.toMap(BatchState::reference, Function.identity()));
    }
}
