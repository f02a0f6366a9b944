package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.spi.PersistenceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The database schema the JPA adapter maps, as plain SQL for each supported database, and the
 * classes a persistence unit must manage to use it. Every statement of a script can run again
 * safely, so a script creates what is absent and leaves the rest alone; copy it into your own
 * migrations if you have them.
 */
public enum AllocationSchema {

    /** H2, the embedded default. */
    H2("schema-h2.sql", "jdbc:h2:"),
    /** PostgreSQL, the production database. */
    POSTGRESQL("schema-postgresql.sql", "jdbc:postgresql:");

    private final String resource;
    private final String urlPrefix;

    AllocationSchema(String resource, String urlPrefix) {
        this.resource = resource;
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
                        + ": expected one starting with jdbc:h2: or jdbc:postgresql:"));
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

    /**
     * The whole script.
     *
     * @return the SQL text, comments included
     */
    public String sql() {
        try (InputStream in = AllocationSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The schema script " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the schema script " + resource, e);
        }
    }

    /**
     * The script's statements, one by one, without comments.
     *
     * @return the statements, in order
     */
    public List<String> statements() {
        String withoutComments = sql().lines()
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (text, line) -> text + line + "\n");
        return Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
    }
}
