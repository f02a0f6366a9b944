package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.testkit.contract.AllocationsViewContract;
import io.github.cosmicarch.allocation.testkit.contract.OutboxContract;
import io.github.cosmicarch.allocation.testkit.contract.ReadModelInStepContract;
import io.github.cosmicarch.allocation.testkit.contract.UnitOfWorkContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JPA adapter on PostgreSQL honours every contract of the testkit; skipped without a URL. */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
class PostgresContractTest {

    private static JpaDatabase database;

    @BeforeAll
    static void open() {
        database = TestDatabases.postgres().build();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Nested
    class UnitOfWork extends UnitOfWorkContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return database;
        }
    }

    @Nested
    class Outbox extends OutboxContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return database;
        }
    }

    @Nested
    class ReadModel extends AllocationsViewContract {
        @Override
        protected AllocationsView allocationsView() {
            return database.allocationsView();
        }
    }

    @Nested
    class ReadModelInStep extends ReadModelInStepContract {
        @Override
        protected UnitOfWorkFactory unitsOfWork() {
            return database;
        }

        @Override
        protected AllocationsView allocationsView() {
            return database.allocationsView();
        }
    }
}
