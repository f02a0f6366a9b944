package io.github.cosmicarch.allocation.adapter.jpa;

import java.util.Optional;
import java.util.UUID;

/** The databases the tests run on: H2 in memory always, PostgreSQL and MariaDB when their URLs are configured. */
final class TestDatabases {

    /** The environment variable that holds a PostgreSQL JDBC URL; without it PostgreSQL tests are skipped. */
    static final String POSTGRES_URL = "ALLOCATION_POSTGRES_URL";

    private TestDatabases() {}

    /**
     * Opens the database for a test class and keeps it open until the JVM ends. A class opens its
     * database once, not before each run of its tests: PIT runs each test on its own, and would
     * otherwise pay a Hibernate bootstrap per test and mutant, or meet a database that an
     * {@code @AfterAll} of the previous run had closed.
     *
     * @param builder the database
     * @return the open database
     */
    static JpaDatabase keptOpen(JpaDatabase.Builder builder) {
        JpaDatabase database = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "close-test-database"));
        return database;
    }

    /** A new, empty H2 database in memory, alive until the JVM ends. */
    static JpaDatabase.Builder h2() {
        return JpaDatabase.builder("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** The configured PostgreSQL database; tests that use it are enabled only when it is set. */
    static JpaDatabase.Builder postgres() {
        return JpaDatabase.builder(postgresUrl().orElseThrow(() ->
                new IllegalStateException(POSTGRES_URL + " is not set")));
    }

    static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv(POSTGRES_URL)).filter(url -> !url.isBlank());
    }

    /** The environment variable that holds a MariaDB JDBC URL; without it MariaDB tests are skipped. */
    static final String MARIADB_URL = "ALLOCATION_MARIADB_URL";

    /** The configured MariaDB database; tests that use it are enabled only when it is set. */
    static JpaDatabase.Builder mariadb() {
        return JpaDatabase.builder(mariadbUrl().orElseThrow(() ->
                new IllegalStateException(MARIADB_URL + " is not set")));
    }

    static Optional<String> mariadbUrl() {
        return Optional.ofNullable(System.getenv(MARIADB_URL)).filter(url -> !url.isBlank());
    }

    /** Removes every row, for tests that need an empty database (children first). */
    static void deleteEverything(JpaDatabase database) {
        var em = database.entityManagerFactory().createEntityManager();
        try {
            em.getTransaction().begin();
            for (String table : new String[] {"outbox_progress", "outbox_events", "allocations_view", "allocations", "batches", "products"}) {
                em.createNativeQuery("delete from " + table).executeUpdate();
            }
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }
}
