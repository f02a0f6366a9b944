package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.testkit.contract.AllocationsViewContract;
import io.github.cosmicarch.allocation.testkit.contract.OutboxContract;
import io.github.cosmicarch.allocation.testkit.contract.ReadModelInStepContract;
import io.github.cosmicarch.allocation.testkit.contract.UnitOfWorkContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The JPA adapter on H2 honours every contract of the testkit. */
class H2ContractTest {

    private static final JpaDatabase DATABASE = TestDatabases.h2().build();

    @AfterAll
    static void close() {
        DATABASE.close();
    }

    @Nested
    class UnitOfWork extends UnitOfWorkContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return DATABASE;
        }
    }

    @Nested
    class Outbox extends OutboxContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return DATABASE;
        }
    }

    @Nested
    class ReadModel extends AllocationsViewContract {
        @Override
        protected AllocationsView allocationsView() {
            return DATABASE.allocationsView();
        }
    }

    @Nested
    class ReadModelInStep extends ReadModelInStepContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return DATABASE;
        }

        @Override
        protected AllocationsView allocationsView() {
            return DATABASE.allocationsView();
        }
    }
}
