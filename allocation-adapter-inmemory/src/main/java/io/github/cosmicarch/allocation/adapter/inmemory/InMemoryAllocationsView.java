package io.github.cosmicarch.allocation.adapter.inmemory;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.service.port.AllocationsProjection;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allocations read model in memory, written by the {@link AllocationsProjection} rule: each
 * row of an order remembers the lines it stands for, and goes when the last of them is given
 * back. Each call is atomic; safe for concurrent use.
 */
public final class InMemoryAllocationsView implements AllocationsView, AllocationsProjection {

    /** A row of an order and the order's lines its batch holds. */
    private record Row(OrderAllocation allocation, Set<OrderLine> lines) {}

    private final Map<String, List<Row>> rowsByOrder = new ConcurrentHashMap<>();

    /** Creates an empty read model. */
    public InMemoryAllocationsView() {}

    @Override
    public List<OrderAllocation> allocations(String orderId) {
        return rowsByOrder.getOrDefault(requireNonNull(orderId, "orderId"), List.of()).stream()
                .map(Row::allocation).toList();
    }

    @Override
    public void handle(Allocated event) {
        OrderAllocation allocation = new OrderAllocation(event.sku(), event.batchReference());
        rowsByOrder.compute(event.orderId(), (order, rows) -> {
            List<Row> changed = without(rows == null ? List.of() : rows, event.line(), allocation);
            for (int index = 0; index < changed.size(); index++) {
                Row row = changed.get(index);
                if (row.allocation().equals(allocation)) {
                    changed.set(index, new Row(allocation, with(row.lines(), event.line())));
                    return List.copyOf(changed);
                }
            }
            changed.add(new Row(allocation, Set.of(event.line())));
            return List.copyOf(changed);
        });
    }

    @Override
    public void handle(Deallocated event) {
        rowsByOrder.computeIfPresent(event.orderId(), (order, rows) -> {
            List<Row> kept = without(rows, event.line(), null);
            return kept.isEmpty() ? null : List.copyOf(kept);
        });
    }

    /** The rows with the line taken out of every row but {@code keep}'s, and rows left with no line dropped. */
    private static List<Row> without(List<Row> rows, OrderLine line, OrderAllocation keep) {
        List<Row> kept = new ArrayList<>(rows.size() + 1);
        for (Row row : rows) {
            if (row.allocation().equals(keep) || !row.lines().contains(line)) {
                kept.add(row);
            } else if (row.lines().size() > 1) {
                Set<OrderLine> others = new HashSet<>(row.lines());
                others.remove(line);
                kept.add(new Row(row.allocation(), Set.copyOf(others)));
            }
        }
        return kept;
    }

    private static Set<OrderLine> with(Set<OrderLine> lines, OrderLine line) {
        Set<OrderLine> more = new HashSet<>(lines);
        more.add(line);
        return Set.copyOf(more);
    }
}
