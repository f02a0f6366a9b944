package io.github.cosmicarch.allocation.domain.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stored lines kept in a map, counting what the product asks for: a fake of a storage adapter. */
final class LinesInStorage implements StoredLines {

    private final Map<String, List<OrderLine>> linesByBatch = new LinkedHashMap<>();
    final List<String> asked = new ArrayList<>();

    LinesInStorage hold(String batchReference, OrderLine... lines) {
        linesByBatch.computeIfAbsent(batchReference, reference -> new ArrayList<>()).addAll(List.of(lines));
        return this;
    }

    /** What a fully restored product's batches hold, as storage would keep it. */
    static LinesInStorage of(Product product) {
        LinesInStorage storage = new LinesInStorage();
        product.batches().forEach(batch -> storage.hold(batch.reference(), batch.allocations().toArray(OrderLine[]::new)));
        return storage;
    }

    /** The product's batches restored with their lines left here. */
    List<Batch> batchesOf(Product product) {
        return product.batches().stream()
                .map(batch -> Batch.withStoredLines(batch.reference(), batch.sku(), batch.purchasedQuantity(),
                        batch.eta().orElse(null), batch.allocatedQuantity(), this))
                .toList();
    }

    @Override
    public Optional<String> batchHolding(OrderLine line) {
        asked.add("holder of " + line.orderId());
        return linesByBatch.entrySet().stream()
                .filter(entry -> entry.getValue().contains(line))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public List<OrderLine> heldBy(String batchReference) {
        asked.add("lines of " + batchReference);
        return List.copyOf(linesByBatch.getOrDefault(batchReference, List.of()));
    }
}
