package io.github.cosmicarch.allocation.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract of a storage adapter that keeps the {@link AllocationsView} read model in step with
 * its products itself, in the commit that writes them (wired with
 * {@code Bootstrap.readModelKeptByStorage()}): whatever a commit allocates or gives back is in
 * the read model when the commit returns, and nothing of a commit that failed or was rolled back
 * ever is. Extend it and implement {@link #unitsOfWork()} and {@link #allocationsView()}.
 */
public abstract class ReadModelInStepContract {

    private final UniqueIds ids = new UniqueIds();
    private final String sku = ids.of("SKU");
    private final String batchReference = ids.of("batch");
    private final String orderId = ids.of("order");

    /** Creates the contract. */
    protected ReadModelInStepContract() {}

    /**
     * The adapter under test. Called once per test; may answer the same factory every time.
     *
     * @return a factory of units of work on the adapter's storage
     */
    protected abstract UnitOfWorkFactory unitsOfWork();

    /**
     * The read model the adapter keeps in step with {@link #unitsOfWork()}.
     *
     * @return the read model
     */
    protected abstract AllocationsView allocationsView();

    /** A committed allocation is in the read model as soon as the commit returns, with no event handled. */
    @Test
    public void aCommittedAllocationIsInTheReadModel() {
        givenAProductWithOneBatch(100);

        inUnitOfWork(uow -> {
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 10));
            uow.commit();
        });

        assertEquals(List.of(new OrderAllocation(sku, batchReference)), allocationsView().allocations(orderId));
    }

    /** An allocation rolled back never reaches the read model. */
    @Test
    public void aRolledBackAllocationIsNotInTheReadModel() {
        givenAProductWithOneBatch(100);

        inUnitOfWork(uow -> {
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 10));
            uow.rollback();
        });

        assertEquals(List.of(), allocationsView().allocations(orderId));
    }

    /** An allocation whose commit met a concurrency conflict never reaches the read model. */
    @Test
    public void anAllocationThatConflictedIsNotInTheReadModel() {
        givenAProductWithOneBatch(100);
        String winner = ids.of("winner");

        try (OutboxUnitOfWork stale = unitsOfWork().start()) {
            Product old = stale.products().get(sku).orElseThrow();
            inUnitOfWork(uow -> {
                StorageSteps.allocate(uow, new OrderLine(winner, sku, 10));
                uow.commit();
            });
            assertThrows(ConcurrencyConflict.class, () -> {
                StorageSteps.allocate(stale, new OrderLine(orderId, sku, 10));
                stale.commit();
            });
        }
        assertEquals(List.of(), allocationsView().allocations(orderId));
        assertEquals(List.of(new OrderAllocation(sku, batchReference)), allocationsView().allocations(winner));
    }

    /** A line a shrinking batch gives back leaves the read model in the commit that shrank it. */
    @Test
    public void aDeallocatedLineLeavesTheReadModel() {
        givenAProductWithOneBatch(100);
        inUnitOfWork(uow -> {
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 10));
            uow.commit();
        });

        inUnitOfWork(uow -> {
            uow.products().get(sku).orElseThrow().changeBatchQuantity(batchReference, 5, uow.products().allocationsIn(batchReference));
            uow.commit();
        });

        assertEquals(List.of(), allocationsView().allocations(orderId));
    }

    /**
     * An order with lines of two products shows both, in allocation order; when one product's
     * batch gives its line back, the other product's allocation stays, and an out-of-stock
     * recorded in the same commit as an allocation leaves that allocation in the read model.
     */
    @Test
    public void anOrderOnTwoProductsKeepsOneWhenTheOtherGivesItsLineBack() {
        givenAProductWithOneBatch(100);
        String otherSku = ids.of("other-sku");
        String otherBatch = ids.of("other-batch");
        inUnitOfWork(uow -> {
            Product other = new Product(otherSku);
            other.addBatch(new Batch(otherBatch, otherSku, 5, null));
            uow.products().add(other);
            uow.commit();
        });
        inUnitOfWork(uow -> {
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 10));
            Product other = uow.products().get(otherSku).orElseThrow();
            StorageSteps.allocate(uow, new OrderLine(orderId, otherSku, 5));
            assertEquals(Optional.empty(), StorageSteps.allocate(uow, new OrderLine(ids.of("too-late"), otherSku, 1)), "out of stock");
            uow.commit();
        });
        assertEquals(List.of(new OrderAllocation(sku, batchReference), new OrderAllocation(otherSku, otherBatch)),
                allocationsView().allocations(orderId));

        inUnitOfWork(uow -> {
            uow.products().get(sku).orElseThrow().changeBatchQuantity(batchReference, 0, uow.products().allocationsIn(batchReference));
            uow.commit();
        });

        assertEquals(List.of(new OrderAllocation(otherSku, otherBatch)), allocationsView().allocations(orderId));
    }

    /** Two lines of one order held by the same batch show as one allocation, as the read model promises. */
    @Test
    public void twoLinesOfAnOrderInOneBatchShowOnce() {
        givenAProductWithOneBatch(100);

        inUnitOfWork(uow -> {
            Product product = uow.products().get(sku).orElseThrow();
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 1));
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 2));
            uow.commit();
        });

        assertEquals(List.of(new OrderAllocation(sku, batchReference)), allocationsView().allocations(orderId));
    }

    /**
     * A line given back takes its batch out of the order's allocations only when no other line of
     * the order is left in that batch; the order's other batches stay shown.
     */
    @Test
    public void aLineGivenBackLeavesWhatTheOrderStillHolds() {
        String later = ids.of("later-batch");
        inUnitOfWork(uow -> {
            Product product = new Product(sku);
            product.addBatch(new Batch(batchReference, sku, 5, null));
            product.addBatch(new Batch(later, sku, 100, LocalDate.of(2026, 12, 1)));
            uow.products().add(product);
            uow.commit();
        });
        inUnitOfWork(uow -> {
            Product product = uow.products().get(sku).orElseThrow();
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 1));
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 2));
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 7));
            uow.commit();
        });
        assertEquals(List.of(new OrderAllocation(sku, batchReference), new OrderAllocation(sku, later)),
                allocationsView().allocations(orderId));

        inUnitOfWork(uow -> {
            uow.products().get(sku).orElseThrow().changeBatchQuantity(batchReference, 1, uow.products().allocationsIn(batchReference));
            uow.commit();
        });

        assertEquals(List.of(new OrderAllocation(sku, batchReference), new OrderAllocation(sku, later)),
                allocationsView().allocations(orderId), "the line of 1 is still in the first batch");

        inUnitOfWork(uow -> {
            uow.products().get(sku).orElseThrow().changeBatchQuantity(batchReference, 0, uow.products().allocationsIn(batchReference));
            uow.commit();
        });

        assertEquals(List.of(new OrderAllocation(sku, later)), allocationsView().allocations(orderId));
    }

    /** A unit of work that commits twice writes each allocation to the read model once. */
    @Test
    public void eachCommitOfAUnitOfWorkAddsOnlyItsOwnAllocations() {
        givenAProductWithOneBatch(100);
        String secondOrder = ids.of("second-order");

        inUnitOfWork(uow -> {
            Product product = uow.products().get(sku).orElseThrow();
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 10));
            uow.commit();
            StorageSteps.allocate(uow, new OrderLine(secondOrder, sku, 10));
            uow.commit();
        });

        assertEquals(List.of(new OrderAllocation(sku, batchReference)), allocationsView().allocations(orderId));
        assertEquals(List.of(new OrderAllocation(sku, batchReference)), allocationsView().allocations(secondOrder));
    }

    /** A product created and allocated from in one unit of work shows its allocations after the commit. */
    @Test
    public void aProductCreatedAndAllocatedInOneCommitIsInTheReadModel() {
        inUnitOfWork(uow -> {
            Product product = new Product(sku);
            product.addBatch(new Batch(batchReference, sku, 10, null));
            uow.products().add(product);
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 3));
            uow.commit();
        });

        assertEquals(List.of(new OrderAllocation(sku, batchReference)), allocationsView().allocations(orderId));
    }

    private void givenAProductWithOneBatch(int quantity) {
        StorageSteps.givenAProductWithOneBatch(unitsOfWork(), sku, batchReference, quantity);
    }

    private void inUnitOfWork(Consumer<OutboxUnitOfWork> work) {
        StorageSteps.inUnitOfWork(unitsOfWork(), work);
    }
}
