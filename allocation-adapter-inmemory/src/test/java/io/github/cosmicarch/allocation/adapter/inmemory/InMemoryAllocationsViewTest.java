package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.contract.AllocationsViewContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The in-memory read model honours the whole read-model contract, whoever writes it: the database
 * in its commits, or the bus's handlers; and its projection keeps the rule event by event.
 */
class InMemoryAllocationsViewTest {

    /** The database keeps its own view in step in each commit. */
    @Nested
    class KeptByTheDatabase extends AllocationsViewContract {

        private final InMemoryDatabase database = new InMemoryDatabase();

        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return database;
        }

        @Override
        protected AllocationsView allocationsView() {
            return database.allocationsView();
        }

        @Override
        protected Bootstrap withReadModel(Bootstrap bootstrap) {
            return bootstrap.readModelKeptByStorage();
        }
    }

    /** The bus's read-model handlers write a view of their own, apart from the database. */
    @Nested
    class WrittenByTheBusHandlers extends AllocationsViewContract {

        private final InMemoryDatabase database = new InMemoryDatabase();
        private final InMemoryAllocationsView view = new InMemoryAllocationsView();

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
    }

    /** The projection's rule applied to the view directly, one event at a time. */
    @Nested
    class Projection {

        private final InMemoryAllocationsView view = new InMemoryAllocationsView();
        private final OrderLine line = new OrderLine("o1", "LAMP", 3);
        private final OrderLine otherLine = new OrderLine("o1", "LAMP", 5);

        @Test
        void anOrderWithoutAllocationsHasNone() {
            assertThat(view.allocations("o1")).isEmpty();
        }

        @Test
        void anAllocationAddsARowOfItsSkuAndBatch() {
            view.handle(new Allocated(line, "b1"));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"));
            assertThat(view.allocations("o2")).isEmpty();
        }

        @Test
        void rowsShowInTheOrderTheyWereAdded() {
            view.handle(new Allocated(new OrderLine("o1", "TABLE", 1), "t1"));
            view.handle(new Allocated(line, "b1"));
            view.handle(new Allocated(otherLine, "b2"));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("TABLE", "t1"),
                    new OrderAllocation("LAMP", "b1"), new OrderAllocation("LAMP", "b2"));
        }

        @Test
        void twoLinesOfAnOrderInOneBatchShowOnce() {
            view.handle(new Allocated(line, "b1"));
            view.handle(new Allocated(otherLine, "b1"));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"));
        }

        @Test
        void aDeallocationRemovesTheRowOfTheLastLineOfTheOrderInTheBatch() {
            view.handle(new Allocated(line, "b1"));

            view.handle(new Deallocated(line));

            assertThat(view.allocations("o1")).isEmpty();
        }

        @Test
        void aDeallocationKeepsTheRowWhileTheBatchHoldsAnotherLineOfTheOrder() {
            view.handle(new Allocated(line, "b1"));
            view.handle(new Allocated(otherLine, "b1"));

            view.handle(new Deallocated(otherLine));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"));

            view.handle(new Deallocated(line));

            assertThat(view.allocations("o1")).isEmpty();
        }

        @Test
        void aDeallocationLeavesTheOrdersOtherSkusAndOtherOrders() {
            view.handle(new Allocated(new OrderLine("o1", "TABLE", 1), "t1"));
            view.handle(new Allocated(line, "b1"));
            view.handle(new Allocated(new OrderLine("o2", "LAMP", 3), "b1"));

            view.handle(new Deallocated(line));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("TABLE", "t1"));
            assertThat(view.allocations("o2")).containsExactly(new OrderAllocation("LAMP", "b1"));
        }

        @Test
        void aDeallocationOfALineNeverShownChangesNothing() {
            view.handle(new Allocated(line, "b1"));

            view.handle(new Deallocated(otherLine));
            view.handle(new Deallocated(new OrderLine("unknown", "LAMP", 1)));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"));
            assertThat(view.allocations("unknown")).isEmpty();
        }

        @Test
        void aLineAllocatedAgainElsewhereShowsItsNewBatchOnly() {
            view.handle(new Allocated(line, "b1"));
            view.handle(new Deallocated(line));
            view.handle(new Allocated(line, "b2"));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b2"));
        }

        @Test
        void anAllocationAppliedTwiceChangesNothing() {
            view.handle(new Allocated(line, "b1"));
            view.handle(new Allocated(line, "b1"));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"));

            view.handle(new Deallocated(line));

            assertThat(view.allocations("o1")).as("one deallocation undoes an allocation applied twice").isEmpty();
        }

        @Test
        void aDeallocationAppliedTwiceChangesNothing() {
            view.handle(new Allocated(line, "b1"));
            view.handle(new Allocated(otherLine, "b1"));
            view.handle(new Allocated(new OrderLine("o1", "LAMP", 7), "b2"));

            view.handle(new Deallocated(otherLine));
            view.handle(new Deallocated(otherLine));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"),
                    new OrderAllocation("LAMP", "b2"));
        }
    }
}
