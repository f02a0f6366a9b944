package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who keeps the read model up to date: the bus's event handlers, or the storage that the bootstrap names. */
class ReadModelUpkeepTest {

    /** A read model that only writes down what it is told. */
    private static final class ToldView implements AllocationsView {
        private final List<String> told = new ArrayList<>();

        @Override
        public List<OrderAllocation> allocations(String orderId) {
            return List.of();
        }

        @Override
        public synchronized void add(String orderId, String sku, String batchReference) {
            told.add("add " + orderId + " " + sku + " " + batchReference);
        }

        @Override
        public synchronized void remove(String orderId, String sku) {
            told.add("remove " + orderId + " " + sku);
        }
    }

    private final ToldView view = new ToldView();

    private static void allocateThenShrink(MessageBus bus) {
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 10));
        bus.handle(new ChangeBatchQuantity("b1", 5));
    }

    @Test
    void aViewSetWithAllocationsViewIsToldOfEveryAllocationAndDeallocationByTheBus() {
        allocateThenShrink(Bootstrap.builder().unitsOfWork(new InMemoryDatabase()).allocationsView(view).build());

        assertThat(view.told).containsExactly("add o1 LAMP b1", "remove o1 LAMP");
    }

    @Test
    void aViewKeptByStorageIsNeverToldByTheBus() {
        allocateThenShrink(Bootstrap.builder().unitsOfWork(new InMemoryDatabase()).allocationsViewKeptByStorage(view).build());

        assertThat(view.told).isEmpty();
    }
}
