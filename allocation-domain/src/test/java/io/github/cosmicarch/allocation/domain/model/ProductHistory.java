package io.github.cosmicarch.allocation.domain.model;

import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;

/**
 * Random histories of one product, and what each step did to it, for the property tests.
 * References, order ids and etas come from small pools so that duplicates, unknown references,
 * repeated lines and equal etas happen often.
 */
final class ProductHistory {

    static final String SKU = "LAMP";
    private static final LocalDate DAY_ZERO = LocalDate.of(2026, 11, 22);

    private ProductHistory() {}

    /** One thing done to the product. */
    sealed interface Step permits AddBatch, Allocate, ChangeBatchQuantity {

        /** Does the step with the allocations given; answers the batch chosen when the step is an allocation. */
        Optional<String> applyTo(Product product, Allocations stored);

        /** Of every allocation stored, those a repository answers for the step, as the service's handlers ask. */
        Allocations needed(Allocations stored);
    }

    record AddBatch(String reference, int quantity, LocalDate eta) implements Step {
        @Override
        public Optional<String> applyTo(Product product, Allocations stored) {
            product.addBatch(new Batch(reference, SKU, quantity, eta));
            return Optional.empty();
        }

        @Override
        public Allocations needed(Allocations stored) {
            return Allocations.none();
        }
    }

    record Allocate(OrderLine line) implements Step {
        @Override
        public Optional<String> applyTo(Product product, Allocations stored) {
            return product.allocate(line, stored);
        }

        @Override
        public Allocations needed(Allocations stored) {
            return stored.batchHolding(line).map(batch -> new Allocations(Map.of(line, batch))).orElse(Allocations.none());
        }
    }

    record ChangeBatchQuantity(String reference, int quantity) implements Step {
        @Override
        public Optional<String> applyTo(Product product, Allocations stored) {
            product.changeBatchQuantity(reference, quantity, stored);
            return Optional.empty();
        }

        @Override
        public Allocations needed(Allocations stored) {
            Map<OrderLine, String> ofBatch = new LinkedHashMap<>();
            stored.linesIn(reference).forEach(line -> ofBatch.put(line, reference));
            return new Allocations(ofBatch);
        }
    }

    /** The state of one batch, as the product shows it, with the lines its events put there. */
    record BatchState(String reference, Optional<LocalDate> eta, int purchased, int allocated, List<OrderLine> lines) {

        static BatchState of(Batch batch, Allocations held) {
            return new BatchState(batch.reference(), batch.eta(), batch.purchasedQuantity(),
                    batch.allocatedQuantity(), held.linesIn(batch.reference()));
        }

        boolean holds(OrderLine line) {
            return lines.contains(line);
        }

        boolean hasRoomFor(OrderLine line) {
            return purchased - allocated >= line.quantity();
        }
    }

    /** The product as seen between two steps: its version and its batches in the order it prefers them. */
    record Snapshot(long version, List<BatchState> batches) {

        static Snapshot of(Product product, Allocations held) {
            return new Snapshot(product.version(), product.batches().stream().map(batch -> BatchState.of(batch, held)).toList());
        }

        Optional<BatchState> holderOf(OrderLine line) {
            return batches.stream().filter(batch -> batch.holds(line)).findFirst();
        }
    }

    /**
     * What one step did.
     *
     * @param additionOrder the references of the batches added so far, before the step, oldest first
     * @param allocatedTo   for an allocation, the batch the product answered
     * @param refused       the error the product raised, if any
     */
    record Outcome(
            Step step,
            Snapshot before,
            Snapshot after,
            List<String> additionOrder,
            Optional<String> allocatedTo,
            List<DomainEvent> events,
            Optional<AllocationException> refused) {}

    static Gen<List<Step>> histories() {
        Gen<String> references = pick(List.of("b1", "b2", "b3", "b4", "b5", "b6"));
        Gen<LocalDate> etas = range(0, 3).toOptionals(35).map(days -> days.map(DAY_ZERO::plusDays).orElse(null));
        Gen<Step> addBatch = references.zip(range(0, 30), etas, AddBatch::new);
        Gen<Step> allocate = pick(List.of("o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8"))
                .zip(range(1, 12), (orderId, quantity) -> new Allocate(new OrderLine(orderId, SKU, quantity)));
        Gen<Step> changeQuantity = references.zip(range(0, 30), ChangeBatchQuantity::new);
        Gen<Step> steps = frequency(List.of(Pair.of(2, addBatch), Pair.of(4, allocate), Pair.of(1, changeQuantity)));
        return lists().of(steps).ofSizeBetween(1, 40);
    }

    /** Plays the steps on a new product and tells what each one did. */
    static List<Outcome> play(List<Step> steps) {
        Product product = new Product(SKU);
        Map<OrderLine, String> held = new LinkedHashMap<>();
        List<String> additionOrder = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Step step : steps) {
            Snapshot before = Snapshot.of(product, new Allocations(held));
            List<String> addedBefore = List.copyOf(additionOrder);
            Optional<String> allocatedTo = Optional.empty();
            Optional<AllocationException> refused = Optional.empty();
            try {
                allocatedTo = step.applyTo(product, Allocations.none());
                if (step instanceof AddBatch add) {
                    additionOrder.add(add.reference());
                }
            } catch (AllocationException e) {
                refused = Optional.of(e);
            }
            List<DomainEvent> events = product.collectEvents();
            apply(events, held);
            outcomes.add(new Outcome(step, before, Snapshot.of(product, new Allocations(held)), addedBefore, allocatedTo,
                    events, refused));
        }
        return outcomes;
    }

    /** What storage does with a product's events: an allocated line is held by its batch, a line given back by none. */
    static void apply(List<DomainEvent> events, Map<OrderLine, String> held) {
        for (DomainEvent event : events) {
            if (event instanceof Allocated allocated) {
                held.put(allocated.line(), allocated.batchReference());
            } else if (event instanceof Deallocated deallocated) {
                held.remove(deallocated.line());
            }
        }
    }
}
