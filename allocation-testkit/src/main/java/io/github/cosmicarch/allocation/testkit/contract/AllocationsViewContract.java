package io.github.cosmicarch.allocation.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of the {@link AllocationsView} read model. Extend it and implement
 * {@link #allocationsView()}.
 */
public abstract class AllocationsViewContract {

    private final UniqueIds ids = new UniqueIds();
    private final String orderId = ids.of("order");

    /** Creates the contract. */
    protected AllocationsViewContract() {}

    /**
     * The adapter under test. Called once per test; may answer the same view every time.
     *
     * @return the read model
     */
    protected abstract AllocationsView allocationsView();

    /** An order with no allocation has an empty list, not an error. */
    @Test
    public void anOrderWithoutAllocationsHasNone() {
        assertEquals(List.of(), allocationsView().allocations(ids.of("unknown-order")));
    }

    /** The allocations of an order come back in the order they were made. */
    @Test
    public void answersInAllocationOrder() {
        AllocationsView view = allocationsView();
        view.add(orderId, "SKU-C", "batch-9");
        view.add(orderId, "SKU-A", "batch-1");
        view.add(orderId, "SKU-B", "batch-5");

        assertEquals(List.of(
                new OrderAllocation("SKU-C", "batch-9"),
                new OrderAllocation("SKU-A", "batch-1"),
                new OrderAllocation("SKU-B", "batch-5")), view.allocations(orderId));
    }

    /** Recording an allocation twice keeps one row. */
    @Test
    public void addingTheSameAllocationTwiceKeepsOne() {
        AllocationsView view = allocationsView();
        view.add(orderId, "SKU-A", "batch-1");
        view.add(orderId, "SKU-A", "batch-1");

        assertEquals(List.of(new OrderAllocation("SKU-A", "batch-1")), view.allocations(orderId));
    }

    /** Removing forgets the allocation of that product in that order, and nothing else. */
    @Test
    public void removeForgetsOnlyThatProductOfThatOrder() {
        AllocationsView view = allocationsView();
        String otherOrder = ids.of("other-order");
        view.add(orderId, "SKU-A", "batch-1");
        view.add(orderId, "SKU-B", "batch-2");
        view.add(otherOrder, "SKU-A", "batch-1");

        view.remove(orderId, "SKU-A");

        assertEquals(List.of(new OrderAllocation("SKU-B", "batch-2")), view.allocations(orderId));
        assertEquals(List.of(new OrderAllocation("SKU-A", "batch-1")), view.allocations(otherOrder));
    }

    /** A line that moved is shown in its new batch after the remove and add the handlers do. */
    @Test
    public void aReallocatedLineShowsItsNewBatch() {
        AllocationsView view = allocationsView();
        view.add(orderId, "SKU-A", "batch-1");
        view.remove(orderId, "SKU-A");
        view.add(orderId, "SKU-A", "batch-2");

        assertEquals(List.of(new OrderAllocation("SKU-A", "batch-2")), view.allocations(orderId));
    }
}
