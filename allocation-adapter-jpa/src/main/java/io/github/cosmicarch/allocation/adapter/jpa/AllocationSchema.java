package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.spi.PersistenceProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The database schema the JPA adapter maps: versioned SQL migrations in the adapter's jar, one
 * folder per database, named as Flyway names them ({@code V1__…}, {@code V2__…}), and the classes
 * a persistence unit must manage to use it.
 *
 * <p>{@link JpaDatabase} applies the migrations itself. An application with its own Flyway points
 * it at {@link #migrations()} (Spring Boot: {@code classpath:db/allocation-migrations/{vendor}})
 * with the history table {@value #HISTORY_TABLE}, so that the library's schema keeps its own
 * versions beside the application's; one with Liquibase includes the same files as SQL change
 * sets. Every migration creates only what is absent, so it also runs over a schema made before
 * migrations.
 */
public enum AllocationSchema {

    /** H2, the embedded default. */
    H2("h2", "jdbc:h2:"),
    /** PostgreSQL, the production database. */
    POSTGRESQL("postgresql", "jdbc:postgresql:"),
    /** MariaDB. */
    MARIADB("mariadb", "jdbc:mariadb:");

    /** The folder of the migrations in the jar; one folder per database below it. */
    public static final String MIGRATIONS_ROOT = "db/allocation-migrations";

    /** The table in which {@link JpaDatabase} records which migrations ran. */
    public static final String HISTORY_TABLE = "allocation_schema_history";

    private final String vendor;
    private final String urlPrefix;

    AllocationSchema(String vendor, String urlPrefix) {
        this.vendor = vendor;
        this.urlPrefix = urlPrefix;
    }

    /**
     * The schema for the database a JDBC URL points at.
     *
     * @param jdbcUrl a JDBC URL, such as {@code jdbc:h2:mem:allocation}
     * @return its schema
     * @throws IllegalArgumentException when the URL is not of a supported database
     */
    public static AllocationSchema forJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(schema -> url.startsWith(schema.urlPrefix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unsupported JDBC URL " + JpaDatabase.masked(jdbcUrl)
                        + ": expected one starting with jdbc:h2:, jdbc:postgresql: or jdbc:mariadb:"));
    }

    /**
     * {@return where this database's migrations are, as a Flyway location, such as {@code classpath:db/allocation-migrations/postgresql}}
     */
    public String migrations() {
        return "classpath:" + MIGRATIONS_ROOT + "/" + vendor;
    }

    /**
     * The classes a persistence unit must manage for the JPA adapter, for
     * {@code PersistenceConfiguration.managedClass} or a {@code persistence.xml}.
     *
     * <p>On the module path, this also lets the adapter's module read every installed persistence
     * provider, because providers such as Hibernate define helper classes (instantiators) in the
     * package of the classes they map, and those classes must see the provider. Call it before
     * building your entity manager factory.
     *
     * @return the mapped classes
     */
    public static List<Class<?>> managedClasses() {
        Module adapter = AllocationSchema.class.getModule();
        if (adapter.isNamed()) {
            ServiceLoader.load(PersistenceProvider.class, AllocationSchema.class.getClassLoader())
                    .stream()
                    .forEach(provider -> adapter.addReads(provider.type().getModule()));
        }
        return List.of(ProductRow.class, BatchRow.class, AllocationRow.class, AllocationViewRow.class);
    }
}
