package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JPA adapter on MariaDB honours every contract of the testkit; skipped without a URL. */
@EnabledIfEnvironmentVariable(named = TestDatabases.MARIADB_URL, matches = ".+")
class MariaDbContractTest extends JpaContracts {

    @Override
    JpaDatabase.Builder which() {
        return TestDatabases.mariadb();
    }
}
