package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The stress scenario on MariaDB; skipped without a URL. */
@EnabledIfEnvironmentVariable(named = TestDatabases.MARIADB_URL, matches = ".+")
class MariaDbBusStressTest extends BusStressScenario {

    @Override
    JpaDatabase.Builder which() {
        return TestDatabases.mariadb();
    }
}
