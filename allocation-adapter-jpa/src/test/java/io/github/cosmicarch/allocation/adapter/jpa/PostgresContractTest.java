package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JPA adapter on PostgreSQL honours every contract of the testkit; skipped without a URL. */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
class PostgresContractTest extends JpaContracts {

    @Override
    JpaDatabase.Builder which() {
        return TestDatabases.postgres();
    }
}
