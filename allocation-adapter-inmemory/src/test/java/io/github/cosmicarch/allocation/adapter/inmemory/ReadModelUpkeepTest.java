package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsProjection;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who keeps the read model up to date: the bus's event handlers, or the storage that the bootstrap names. */
class ReadModelUpkeepTest {

    /** A projection that only writes down what it is told. */
    private static final class ToldProjection implements AllocationsProjection {
        private final List<String> told = new ArrayList<>();

        @Override
        public synchronized void handle(Allocated event) {
            told.add("allocated " + event.orderId() + " " + event.sku() + " " + event.batchReference());
        }

        @Override
        public synchronized void handle(Deallocated event) {
            told.add("deallocated " + event.orderId() + " " + event.sku());
        }

        synchronized List<String> told() {
            return List.copyOf(told);
        }
    }

    private final ToldProjection projection = new ToldProjection();
    private final InMemoryDatabase database = new InMemoryDatabase();

    /** Allocates the whole batch, then shrinks it: the line is given back and has nowhere to go. */
    private static void allocateThenShrink(MessageBus bus) {
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
        bus.handle(new Allocate("o1", "LAMP", 10));
        bus.handle(new ChangeBatchQuantity("b1", 5));
    }

    @Test
    void aProjectionSetWithReadModelIsToldOfEveryAllocationAndDeallocationByTheBus() {
        allocateThenShrink(Bootstrap.builder().unitsOfWork(database).readModel(projection).build());

        assertThat(projection.told()).containsExactly("allocated o1 LAMP b1", "deallocated o1 LAMP");
    }

    @Test
    void aReadModelKeptByStorageIsNeverToldByTheBusAndTheStorageKeepsItsView() {
        // Keeping the read model in storage replaces a projection set before: the bus registers no read-model handler.
        MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModel(projection).readModelKeptByStorage().build();
        bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

        bus.handle(new Allocate("o1", "LAMP", 10));
        assertThat(database.allocationsView().allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"));

        bus.handle(new ChangeBatchQuantity("b1", 5));
        assertThat(database.allocationsView().allocations("o1")).isEmpty();
        assertThat(projection.told()).isEmpty();
    }
}
