package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JPA adapter on PostgreSQL honours every contract of the testkit; skipped without a URL. */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
class PostgresContractTest extends JpaContracts {

    private static JpaDatabase database;

    @BeforeAll
    static void open() {
        database = TestDatabases.postgres().build();
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
