package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JPA adapter on H2 honours every contract of the testkit. */
class H2ContractTest extends JpaContracts {

    private static JpaDatabase database;

    @BeforeAll
    static void open() {
        database = TestDatabases.h2().build();
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
