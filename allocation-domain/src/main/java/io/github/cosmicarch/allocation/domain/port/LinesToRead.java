package io.github.cosmicarch.allocation.domain.port;

import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.util.Set;

/**
 * Which of a product's lines a unit of work reads along with it, so that the product can decide
 * on values ({@link Product#learn}): a handler asks for what its command needs, and allocating
 * costs the same however many lines the product holds.
 *
 * @param everyLine every line of every batch: the product whole
 * @param whereHeld lines to look up: which batch holds each, if any
 * @param ofBatches batches whose every line is read
 */
public record LinesToRead(boolean everyLine, Set<OrderLine> whereHeld, Set<String> ofBatches) {

    private static final LinesToRead ALL = new LinesToRead(true, Set.of(), Set.of());
    private static final LinesToRead NONE = new LinesToRead(false, Set.of(), Set.of());

    /**
     * Copies the sets.
     *
     * @param everyLine every line of every batch: the product whole
     * @param whereHeld lines to look up: which batch holds each, if any
     * @param ofBatches batches whose every line is read
     */
    public LinesToRead {
        whereHeld = Set.copyOf(whereHeld);
        ofBatches = Set.copyOf(ofBatches);
    }

    /**
     * Every line: the product whole, as the book's repository returns it.
     *
     * @return the request
     */
    public static LinesToRead all() {
        return ALL;
    }

    /**
     * No line: enough to add a batch or to read totals.
     *
     * @return the request
     */
    public static LinesToRead none() {
        return NONE;
    }

    /**
     * Where one line is held: what allocating it needs.
     *
     * @param line the line
     * @return the request
     */
    public static LinesToRead whereHeld(OrderLine line) {
        return new LinesToRead(false, Set.of(line), Set.of());
    }

    /**
     * Every line of one batch: what shrinking it needs.
     *
     * @param batchReference the batch
     * @return the request
     */
    public static LinesToRead ofBatch(String batchReference) {
        return new LinesToRead(false, Set.of(), Set.of(batchReference));
    }

    /**
     * Whether nothing is asked.
     *
     * @return {@code true} for {@link #none()}
     */
    public boolean isNone() {
        return !everyLine && whereHeld.isEmpty() && ofBatches.isEmpty();
    }
}
