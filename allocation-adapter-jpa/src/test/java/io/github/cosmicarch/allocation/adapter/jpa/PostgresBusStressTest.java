package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The stress scenario on PostgreSQL; skipped without a URL. */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
class PostgresBusStressTest extends BusStressScenario {

    @Override
    JpaDatabase.Builder which() {
        return TestDatabases.postgres();
    }
}
