package io.github.cosmicarch.allocation.adapter.jpa;

/** The JPA adapter on H2 honours every contract of the testkit. */
class H2ContractTest extends JpaContracts {

    @Override
    JpaDatabase.Builder which() {
        return TestDatabases.h2();
    }
}
