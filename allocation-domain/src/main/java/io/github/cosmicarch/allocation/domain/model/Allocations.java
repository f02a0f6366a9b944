package io.github.cosmicarch.allocation.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which batch holds each of some order lines, as stored: the facts a {@link Product} decision
 * needs beyond the product's batches. The repository reads them for one decision (where one line
 * is held, every line of one batch) and the handler passes them in, so that the product decides on
 * values and never reads storage itself.
 *
 * @param batchByLine the reference of the batch holding each line, oldest allocation first
 */
public record Allocations(Map<OrderLine, String> batchByLine) {

    private static final Allocations NONE = new Allocations(Map.of());

    /**
     * Copies the allocations, keeping their order.
     *
     * @param batchByLine the reference of the batch holding each line, oldest allocation first
     */
    public Allocations {
        requireNonNull(batchByLine, "batchByLine");
        batchByLine = Collections.unmodifiableMap(new LinkedHashMap<>(batchByLine));
    }

    /**
     * No allocation: what storage holds of a product that was never stored, or of a line no
     * batch holds.
     *
     * @return the empty value
     */
    public static Allocations none() {
        return NONE;
    }

    /**
     * The batch holding a line.
     *
     * @param line the line
     * @return the batch's reference, or empty when no batch holds the line
     */
    public Optional<String> batchHolding(OrderLine line) {
        return Optional.ofNullable(batchByLine.get(line));
    }

    /**
     * The lines a batch holds.
     *
     * @param batchReference the batch
     * @return its lines, oldest allocation first
     */
    public List<OrderLine> linesIn(String batchReference) {
        List<OrderLine> lines = new ArrayList<>();
        batchByLine.forEach((line, holder) -> {
            if (holder.equals(batchReference)) {
                lines.add(line);
            }
        });
        return lines;
    }
}
