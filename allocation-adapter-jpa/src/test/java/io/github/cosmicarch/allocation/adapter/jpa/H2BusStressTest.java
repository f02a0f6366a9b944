package io.github.cosmicarch.allocation.adapter.jpa;

/** The stress scenario on H2. */
class H2BusStressTest extends BusStressScenario {

    @Override
    JpaDatabase.Builder which() {
        return TestDatabases.h2();
    }
}
