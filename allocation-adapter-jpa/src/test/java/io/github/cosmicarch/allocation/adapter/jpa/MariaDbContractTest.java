package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JPA adapter on MariaDB honours every contract of the testkit; skipped without a URL. */
@EnabledIfEnvironmentVariable(named = TestDatabases.MARIADB_URL, matches = ".+")
class MariaDbContractTest extends JpaContracts {

    private static JpaDatabase database;

    @BeforeAll
    static void open() {
        database = TestDatabases.mariadb().build();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    JpaDatabase database() {
        return database;
    }
}
