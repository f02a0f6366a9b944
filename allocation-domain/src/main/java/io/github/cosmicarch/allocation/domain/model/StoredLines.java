package io.github.cosmicarch.allocation.domain.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What storage holds of a product's lines, as an adapter read it at the version the product was
 * read or last stored: where some lines are held (or that they are not), and every line of some
 * batches. A product restored without its lines is {@linkplain Product#learn given} these values
 * before it decides, so that its decisions rest on values and it never calls storage.
 *
 * @param held    lines looked up and found held, with the reference of the batch holding each
 * @param notHeld lines looked up and found held by no batch
 * @param batches every line of some batches, by batch reference, oldest allocation first
 */
public record StoredLines(Map<OrderLine, String> held, Set<OrderLine> notHeld, Map<String, List<OrderLine>> batches) {

    private static final StoredLines NONE = new StoredLines(Map.of(), Set.of(), Map.of());

    /**
     * Copies the values.
     *
     * @param held    lines looked up and found held, with the reference of the batch holding each
     * @param notHeld lines looked up and found held by no batch
     * @param batches every line of some batches, by batch reference, oldest allocation first
     */
    public StoredLines {
        held = Map.copyOf(held);
        notHeld = Set.copyOf(notHeld);
        batches = Map.copyOf(batches);
    }

    /**
     * Nothing read.
     *
     * @return the empty answer
     */
    public static StoredLines none() {
        return NONE;
    }
}
