package io.github.cosmicarch.allocation.examples.application;

import java.util.Optional;
import java.util.UUID;

/** Settings and names for the tests that start the application. */
final class TestSettings {

    private TestSettings() {}

    /** Any free port, a new H2 database in memory, no Redis, e-mail to the log. */
    static Settings onFreshH2() {
        return on("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** Any free port, the given database, no Redis, e-mail to the log. */
    static Settings on(String jdbcUrl) {
        return new Settings(0, jdbcUrl, Optional.empty(), Optional.empty());
    }

    /** A name no other test uses, for skus, batches and orders on a shared database. */
    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
