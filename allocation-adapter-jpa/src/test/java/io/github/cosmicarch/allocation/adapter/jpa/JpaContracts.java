package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.testkit.contract.AllocationsViewContract;
import io.github.cosmicarch.allocation.testkit.contract.OutboxContract;
import io.github.cosmicarch.allocation.testkit.contract.ReadModelInStepContract;
import io.github.cosmicarch.allocation.testkit.contract.UnitOfWorkContract;
import org.junit.jupiter.api.Nested;

/** Every contract of the testkit, on the JPA adapter over the database a subclass opens. */
abstract class JpaContracts extends OneDatabase {

    @Nested
    class UnitOfWork extends UnitOfWorkContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return database();
        }
    }

    @Nested
    class Outbox extends OutboxContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return database();
        }
    }

    @Nested
    class ReadModel extends AllocationsViewContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return database();
        }

        @Override
        protected AllocationsView allocationsView() {
            return database().allocationsView();
        }

        @Override
        protected Bootstrap withReadModel(Bootstrap bootstrap) {
            return bootstrap.readModelKeptByStorage();
        }
    }

    @Nested
    class ReadModelInStep extends ReadModelInStepContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return database();
        }

        @Override
        protected AllocationsView allocationsView() {
            return database().allocationsView();
        }
    }
}
