package io.github.cosmicarch.allocation.domain.model;

import io.github.cosmicarch.allocation.domain.port.LinesToRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lines kept in a map, answering what a repository would read for a product: a fake of a storage adapter. */
final class LinesInStorage {

    private final Map<String, List<OrderLine>> linesByBatch = new LinkedHashMap<>();
    final List<String> asked = new ArrayList<>();

    LinesInStorage hold(String batchReference, OrderLine... lines) {
        linesByBatch.computeIfAbsent(batchReference, reference -> new ArrayList<>()).addAll(List.of(lines));
        return this;
    }

    /** What a product held whole holds, as storage would keep it. */
    static LinesInStorage of(Product product) {
        LinesInStorage storage = new LinesInStorage();
        product.batches().forEach(batch ->
                storage.hold(batch.reference(), batch.allocations().orElseThrow().toArray(OrderLine[]::new)));
        return storage;
    }

    /** The product's batches restored with their lines left here. */
    static List<Batch> batchesOf(Product product) {
        return product.batches().stream()
                .map(batch -> Batch.withLinesInStorage(batch.reference(), batch.sku(), batch.purchasedQuantity(),
                        batch.eta().orElse(null), batch.allocatedQuantity()))
                .toList();
    }

    /** What a repository reads for the request. */
    StoredLines read(LinesToRead request) {
        Map<OrderLine, String> held = new HashMap<>();
        Set<OrderLine> notHeld = new HashSet<>();
        for (OrderLine line : request.whereHeld()) {
            asked.add("holder of " + line.orderId());
            linesByBatch.entrySet().stream()
                    .filter(entry -> entry.getValue().contains(line))
                    .findFirst()
                    .ifPresentOrElse(entry -> held.put(line, entry.getKey()), () -> notHeld.add(line));
        }
        Map<String, List<OrderLine>> batches = new HashMap<>();
        Set<String> wanted = request.everyLine() ? linesByBatch.keySet() : request.ofBatches();
        for (String reference : wanted) {
            if (!linesByBatch.containsKey(reference)) {
                continue;
            }
            asked.add("lines of " + reference);
            batches.put(reference, List.copyOf(linesByBatch.getOrDefault(reference, List.of())));
        }
        return new StoredLines(held, notHeld, batches);
    }
}
