package io.github.cosmicarch.allocation.adapter.inmemory;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The allocations read model in memory; every call is atomic, and safe for concurrent use. */
public final class InMemoryAllocationsView implements AllocationsView {

    private final Map<String, List<OrderAllocation>> allocationsByOrder = new ConcurrentHashMap<>();

    /** Creates an empty read model. */
    public InMemoryAllocationsView() {}

    @Override
    public List<OrderAllocation> allocations(String orderId) {
        return allocationsByOrder.getOrDefault(requireNonNull(orderId, "orderId"), List.of());
    }

    @Override
    public void add(String orderId, String sku, String batchReference) {
        OrderAllocation allocation = new OrderAllocation(sku, batchReference);
        allocationsByOrder.compute(requireNonNull(orderId, "orderId"), (order, allocations) -> {
            if (allocations == null) {
                return List.of(allocation);
            }
            if (allocations.contains(allocation)) {
                return allocations;
            }
            List<OrderAllocation> longer = new ArrayList<>(allocations);
            longer.add(allocation);
            return List.copyOf(longer);
        });
    }

    @Override
    public void remove(String orderId, String sku) {
        requireNonNull(sku, "sku");
        allocationsByOrder.computeIfPresent(requireNonNull(orderId, "orderId"), (order, allocations) -> {
            List<OrderAllocation> kept = allocations.stream().filter(allocation -> !allocation.sku().equals(sku)).toList();
            return kept.isEmpty() ? null : kept;
        });
    }

    /** Drops the order's allocations of the product in batches other than those given, in one step. */
    void keepOnly(String orderId, String sku, Set<String> batchReferences) {
        allocationsByOrder.computeIfPresent(orderId, (order, allocations) -> {
            List<OrderAllocation> kept = allocations.stream()
                    .filter(allocation -> !allocation.sku().equals(sku) || batchReferences.contains(allocation.batchReference()))
                    .toList();
            return kept.isEmpty() ? null : kept;
        });
    }
}
