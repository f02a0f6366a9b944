package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database holds of one product, as last read or written by a unit of work: the base
 * against which its changes are written.
 *
 * @param version the product's version in the database, or -1 for a product not stored yet
 * @param batches each batch's quantities, by reference
 * @param lines   the batch holding each line
 */
record StoredState(long version, Map<String, Quantities> batches, Map<OrderLine, String> lines) {

    /** A batch's two quantities as stored. */
    record Quantities(int purchased, int allocated) {}

    /** A batch as read from {@code batches}. */
    record BatchData(String reference, int purchasedQuantity, int allocatedQuantity, LocalDate eta) {}

    /** A line as read from {@code allocations}. */
    record LineData(String batchReference, String orderId, int quantity) {}

    static final long NOT_STORED = -1;

    static StoredState notStored() {
        return new StoredState(NOT_STORED, Map.of(), Map.of());
    }

    boolean isStored() {
        return version != NOT_STORED;
    }

    /** The product the rows describe; batches come in the order they were added, lines oldest first. */
    static Product restore(String sku, long version, List<BatchData> batches, List<LineData> lines) {
        Map<String, List<OrderLine>> linesByBatch = new LinkedHashMap<>();
        for (LineData line : lines) {
            linesByBatch.computeIfAbsent(line.batchReference(), reference -> new java.util.ArrayList<>())
                    .add(new OrderLine(line.orderId(), sku, line.quantity()));
        }
        List<Batch> restored = batches.stream()
                .map(batch -> new Batch(batch.reference(), sku, batch.purchasedQuantity(), batch.eta(),
                        linesByBatch.getOrDefault(batch.reference(), List.of())))
                .toList();
        return new Product(sku, restored, version);
    }

    /** The state of a product as it is now, to compare the next changes with. */
    static StoredState of(Product product) {
        Map<String, Quantities> batches = new HashMap<>();
        Map<OrderLine, String> lines = new HashMap<>();
        for (Batch batch : product.batches()) {
            batches.put(batch.reference(), new Quantities(batch.purchasedQuantity(), batch.allocatedQuantity()));
            batch.allocations().forEach(line -> lines.put(line, batch.reference()));
        }
        return new StoredState(product.version(), batches, lines);
    }
}
