package io.github.cosmicarch.allocation.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsProjection;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the allocations read model: the one rule of {@link AllocationsProjection}, held
 * by whatever writes the view, a storage adapter in its commits or the bus's read-model handlers.
 * It sends commands through a bus wired as the application wires it and reads the
 * {@link AllocationsView} as soon as each command returns: the storage writes the view in the
 * command's commit, and the bus runs its read-model handlers on the committing thread before it
 * answers. Extend it and implement the three methods:
 *
 * <pre>{@code
 * class MyReadModelTest extends AllocationsViewContract {
 *     static final MyDatabase DATABASE = new MyDatabase();
 *     protected UnitOfWorkFactory unitsOfWork() { return DATABASE; }
 *     protected AllocationsView allocationsView() { return DATABASE.allocationsView(); }
 *     protected Bootstrap withReadModel(Bootstrap bootstrap) { return bootstrap.readModelKeptByStorage(); }
 * }
 * }</pre>
 */
public abstract class AllocationsViewContract {

    private static final LocalDate LATER = LocalDate.of(2026, 12, 24);

    private final UniqueIds ids = new UniqueIds();
    private final String sku = ids.of("SKU");
    private final String inStock = ids.of("in-stock");
    private final String shipment = ids.of("shipment");
    private final String orderId = ids.of("order");
    private MessageBus bus;

    /** Creates the contract. */
    protected AllocationsViewContract() {}

    /**
     * The storage the bus works on. Called once per test.
     *
     * @return a factory of units of work
     */
    protected abstract UnitOfWorkFactory unitsOfWork();

    /**
     * The read model under test.
     *
     * @return the view
     */
    protected abstract AllocationsView allocationsView();

    /**
     * Wires the read model into a bootstrap: {@code readModelKeptByStorage()} for an adapter that
     * writes it in its commits, {@code readModel(projection)} for one the bus's handlers write.
     *
     * @param bootstrap a bootstrap with {@link #unitsOfWork()} set
     * @return the bootstrap with its read model
     */
    protected abstract Bootstrap withReadModel(Bootstrap bootstrap);

    /** Builds the bus and a product with a batch in the warehouse and a shipment, ten units each. */
    @BeforeEach
    public void givenAProductWithTwoBatches() {
        bus = withReadModel(Bootstrap.builder().unitsOfWork(unitsOfWork())).build();
        bus.handle(CreateBatch.inWarehouse(inStock, sku, 10));
        bus.handle(CreateBatch.arriving(shipment, sku, 10, LATER));
    }

    /** The order's allocations as the view shows them. */
    private List<OrderAllocation> shown(String order) {
        return allocationsView().allocations(order);
    }

    /** An order with no allocation has an empty list, not an error. */
    @Test
    public void anOrderWithoutAllocationsHasNone() {
        assertEquals(List.of(), shown(ids.of("unknown-order")));
    }

    /** An allocated line shows its sku and batch. */
    @Test
    public void anAllocatedLineShowsItsBatch() {
        bus.handle(new Allocate(orderId, sku, 3));

        assertEquals(List.of(new OrderAllocation(sku, inStock)), shown(orderId));
    }

    /** Rows come back in the order they were added, across products. */
    @Test
    public void rowsShowInTheOrderTheyWereAdded() {
        String otherSku = ids.of("OTHER-SKU");
        String otherBatch = ids.of("other-batch");
        bus.handle(CreateBatch.inWarehouse(otherBatch, otherSku, 10));
        bus.handle(new Allocate(orderId, otherSku, 1));
        bus.handle(new Allocate(orderId, sku, 1));

        assertEquals(List.of(new OrderAllocation(otherSku, otherBatch), new OrderAllocation(sku, inStock)),
                shown(orderId));
    }

    /** Two lines of an order in one batch show once. */
    @Test
    public void twoLinesOfAnOrderInOneBatchShowOnce() {
        bus.handle(new Allocate(orderId, sku, 2));
        bus.handle(new Allocate(orderId, sku, 3));

        assertEquals(List.of(new OrderAllocation(sku, inStock)), shown(orderId));
    }

    /** A line given back and allocated elsewhere shows its new batch only. */
    @Test
    public void aLineThatMovedShowsItsNewBatchOnly() {
        bus.handle(new Allocate(orderId, sku, 3));

        bus.handle(new ChangeBatchQuantity(inStock, 0));

        assertEquals(List.of(new OrderAllocation(sku, shipment)), shown(orderId));
    }

    /**
     * A line given back takes its row with it only when its batch holds no other line of the
     * order of that sku: here the batch keeps the older line, so the order shows both batches.
     */
    @Test
    public void aLineGivenBackLeavesTheRowOfABatchThatHoldsAnotherLineOfTheOrder() {
        bus.handle(new Allocate(orderId, sku, 2));
        bus.handle(new Allocate(orderId, sku, 3));

        bus.handle(new ChangeBatchQuantity(inStock, 2));

        assertEquals(List.of(new OrderAllocation(sku, inStock), new OrderAllocation(sku, shipment)),
                shown(orderId));
    }

    /** A line given back with nowhere to go leaves no row; other orders keep theirs. */
    @Test
    public void aLineGivenBackWithNowhereToGoLeavesNoRowAndOthersKeepTheirs() {
        String otherOrder = ids.of("other-order");
        bus.handle(new Allocate(otherOrder, sku, 4));
        bus.handle(new Allocate(ids.of("filler"), sku, 10));
        bus.handle(new Allocate(orderId, sku, 6));

        bus.handle(new ChangeBatchQuantity(inStock, 4));

        assertEquals(Optional.empty(), bus.handle(new Allocate(ids.of("late"), sku, 1)), "both batches full");
        assertEquals(List.of(), shown(orderId));
        assertEquals(List.of(new OrderAllocation(sku, inStock)), shown(otherOrder));
    }
}
