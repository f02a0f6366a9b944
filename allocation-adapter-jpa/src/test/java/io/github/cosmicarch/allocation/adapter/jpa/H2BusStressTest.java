package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.AfterAll;

/** The stress scenario on H2. */
class H2BusStressTest extends BusStressScenario {

    private static final JpaDatabase DATABASE = TestDatabases.h2().build();

    @AfterAll
    static void close() {
        DATABASE.close();
    }

    @Override
    JpaDatabase database() {
        return DATABASE;
    }
}
