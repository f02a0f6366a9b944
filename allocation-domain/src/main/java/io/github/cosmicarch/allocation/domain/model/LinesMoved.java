package io.github.cosmicarch.allocation.domain.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The lines a product allocated and gave back itself, which win over the {@link Allocations} it is
 * given: storage answers as of when the product was read, and knows nothing of what the product
 * did since.
 */
final class LinesMoved {

    /** Lines allocated here, with their batch, oldest first. */
    private final Map<OrderLine, Batch> allocated = new LinkedHashMap<>();
    /** Lines given back here and not allocated again. */
    private final Set<OrderLine> deallocated = new HashSet<>();

    void allocated(OrderLine line, Batch batch) {
        deallocated.remove(line);
        allocated.put(line, batch);
    }

    void deallocated(OrderLine line) {
        allocated.remove(line);
        deallocated.add(line);
    }

    /** The batch holding the line: as moved here, else as stored, looked up among the product's batches. */
    Optional<Batch> batchHolding(OrderLine line, Allocations stored, Function<String, Batch> batches) {
        Batch here = allocated.get(line);
        if (here != null) {
            return Optional.of(here);
        }
        if (deallocated.contains(line)) {
            return Optional.empty();
        }
        return stored.batchHolding(line).map(batches);
    }

    /**
     * Every line of the batch, oldest allocation first: those stored that did not move here, then
     * those allocated to it here.
     *
     * @throws IllegalArgumentException when they do not add up to the batch's allocated quantity
     */
    List<OrderLine> linesIn(Batch batch, Allocations stored) {
        List<OrderLine> lines = new ArrayList<>();
        for (OrderLine line : stored.linesIn(batch.reference())) {
            if (!allocated.containsKey(line) && !deallocated.contains(line)) {
                lines.add(line);
            }
        }
        allocated.forEach((line, holder) -> {
            if (holder == batch) {
                lines.add(line);
            }
        });
        int total = lines.stream().mapToInt(OrderLine::quantity).sum();
        if (total != batch.allocatedQuantity()) {
            throw new IllegalArgumentException("The lines given for batch " + batch.reference() + " add up to " + total
                    + " units with those allocated since, but it holds " + batch.allocatedQuantity()
                    + ": give every allocation stored in the batch");
        }
        return lines;
    }
}
