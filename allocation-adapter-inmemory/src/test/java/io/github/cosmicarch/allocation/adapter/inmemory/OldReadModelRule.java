package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsProjection;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.contract.AllocationsViewContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read model as the bus's handlers used to write it, a rule apart from the storage's: a line
 * given back dropped every row of its order and sku. Not a test of its own:
 * {@link AllocationsViewContractBitesTest} runs the contract against it and expects it to fail.
 */
class OldReadModelRule extends AllocationsViewContract {

    private final InMemoryDatabase database = new InMemoryDatabase();
    private final DropsEveryRowOfTheSku view = new DropsEveryRowOfTheSku();

    @Override
    protected UnitOfWorkFactory unitsOfWork() {
        return database;
    }

    @Override
    protected AllocationsView allocationsView() {
        return view;
    }

    @Override
    protected Bootstrap withReadModel(Bootstrap bootstrap) {
        return bootstrap.readModel(view);
    }

    /** Adds a row unless it is there; a line given back removes every row of its order and sku. */
    static final class DropsEveryRowOfTheSku implements AllocationsView, AllocationsProjection {

        private final Map<String, List<OrderAllocation>> rows = new ConcurrentHashMap<>();

        @Override
        public List<OrderAllocation> allocations(String orderId) {
            return List.copyOf(rows.getOrDefault(orderId, List.of()));
        }

        @Override
        public void handle(Allocated event) {
            OrderAllocation row = new OrderAllocation(event.sku(), event.batchReference());
            List<OrderAllocation> ofOrder = rows.computeIfAbsent(event.orderId(), order -> new ArrayList<>());
            if (!ofOrder.contains(row)) {
                ofOrder.add(row);
            }
        }

        @Override
        public void handle(Deallocated event) {
            rows.getOrDefault(event.orderId(), new ArrayList<>()).removeIf(row -> row.sku().equals(event.sku()));
        }
    }
}
