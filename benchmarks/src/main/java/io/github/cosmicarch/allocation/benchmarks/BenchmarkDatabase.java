package io.github.cosmicarch.allocation.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database a JPA benchmark measures on, opened twice: through the JPA adapter, and as a raw
 * JDBC pool without auto-commit for the hand-written baselines, both on the same schema. H2 is a
 * fresh in-memory database; PostgreSQL is the JDBC URL in the system property
 * {@code allocation.postgres.url}.
 */
final class BenchmarkDatabase implements AutoCloseable {

    private final String url;
    private final boolean h2;
    private final JpaDatabase jpa;
    private final HikariDataSource jdbc;

    private BenchmarkDatabase(String database) {
        h2 = !database.equals("postgresql");
        url = h2 ? "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" : System.getProperty("allocation.postgres.url");
        jpa = JpaDatabase.builder(url).maximumPoolSize(4).build();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(4);
        pool.setAutoCommit(false);
        jdbc = new HikariDataSource(pool);
    }

    /** Opens {@code h2} or {@code postgresql}, with the schema the JPA adapter creates. */
    static BenchmarkDatabase open(String database) {
        return new BenchmarkDatabase(database);
    }

    JpaDatabase jpa() {
        return jpa;
    }

    HikariDataSource jdbc() {
        return jdbc;
    }

    /** Closes both pools; an H2 database is dropped first, as its URL keeps it until the JVM exits. */
    @Override
    public void close() throws SQLException {
        if (h2) {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
        jdbc.close();
        jpa.close();
    }

    /**
     * Creates an empty schema on the PostgreSQL server of {@code url}, for a measurement that runs
     * the example service: its dispatcher takes up every pending event it finds, and would
     * otherwise spend the measurement on the events other benchmarks and test runs left in the
     * shared schema.
     *
     * @return the URL that uses the schema, which {@link #dropSchema} removes after
     */
    static String ownSchema(String url, String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
        }
        String withoutSchema = url.replaceAll("([?&])currentSchema=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return withoutSchema + (withoutSchema.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Removes a schema {@link #ownSchema} created, with what the measurement stored in it. */
    static void dropSchema(String url, String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
