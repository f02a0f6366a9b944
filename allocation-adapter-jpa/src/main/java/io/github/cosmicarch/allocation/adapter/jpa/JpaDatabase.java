package io.github.cosmicarch.allocation.adapter.jpa;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the JPA adapter needs, built from a JDBC URL: a HikariCP connection pool, the schema
 * (its {@linkplain AllocationSchema migrations} applied by Flyway when absent or old, unless told
 * not to), an entity manager factory that validates its mapping against the schema, the units of
 * work and the read model. For applications without a framework, for the examples, and for tests.
 *
 * <p>It needs, beside the JDBC driver, HikariCP and Flyway on the class path ({@code
 * com.zaxxer:HikariCP}, {@code org.flywaydb:flyway-core}, and for PostgreSQL or MariaDB
 * {@code flyway-database-postgresql} or {@code flyway-mysql}): the adapter declares them optional,
 * so that an application that brings its own pool and migrations does not receive them.
 *
 * <pre>{@code
 * try (JpaDatabase database = JpaDatabase.connect("jdbc:h2:mem:allocation;DB_CLOSE_DELAY=-1")) {
 *     MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().build();
 *     ...
 * }
 * }</pre>
 */
public final class JpaDatabase implements UnitOfWorkFactory, AutoCloseable {

    private final String description;
    private final ConnectionPool pool;
    private final EntityManagerFactory entityManagerFactory;
    private final JpaUnitOfWorkFactory unitsOfWork;
    private final JpaAllocationsView allocationsView;

    private JpaDatabase(Builder builder) {
        AllocationSchema schema = AllocationSchema.forJdbcUrl(builder.jdbcUrl);
        this.description = schema + " at " + masked(builder.jdbcUrl);
        requireOnClassPath("com.zaxxer.hikari.HikariDataSource", "com.zaxxer:HikariCP");
        ConnectionPool source = null;
        try {
            source = ConnectionPool.open(durable(builder.jdbcUrl), builder.maximumPoolSize);
            if (builder.migrate) {
                migrate(durable(builder.jdbcUrl), schema);
            }
            PersistenceConfiguration configuration = new PersistenceConfiguration("allocation")
                    .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                    .property("jakarta.persistence.nonJtaDataSource", source.dataSource())
                    .property("hibernate.hbm2ddl.auto", "validate")
                    .properties(builder.properties);
            AllocationSchema.managedClasses().forEach(configuration::managedClass);
            this.entityManagerFactory = configuration.createEntityManagerFactory();
        } catch (RuntimeException failure) {
            if (source != null) {
                source.close();
            }
            throw Failures.translate(failure, "opening " + description);
        }
        this.pool = source;
        this.unitsOfWork = new JpaUnitOfWorkFactory(entityManagerFactory, builder.kept);
        this.allocationsView = new JpaAllocationsView(entityManagerFactory);
    }

    /**
     * Opens the database at a JDBC URL with the defaults: the schema is migrated when absent or old, the
     * pool holds up to 10 connections.
     *
     * @param jdbcUrl an H2, PostgreSQL or MariaDB JDBC URL, credentials included
     * @return the open database; close it when done
     * @throws StorageFailure when the database cannot be reached or its schema does not match
     */
    public static JpaDatabase connect(String jdbcUrl) {
        return builder(jdbcUrl).build();
    }

    /**
     * Starts configuring a database at a JDBC URL.
     *
     * @param jdbcUrl an H2, PostgreSQL or MariaDB JDBC URL, credentials included
     * @return a builder
     * @throws IllegalArgumentException when the URL is not of a supported database
     */
    public static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    @Override
    public OutboxUnitOfWork start() {
        return unitsOfWork.start();
    }

    /**
     * The read model on the {@code allocations_view} table, which every unit of work of this
     * database keeps in step in the transaction that writes its products: wire the bus with
     * {@code Bootstrap.readModelKeptByStorage()}.
     *
     * @return the read model
     */
    public AllocationsView allocationsView() {
        return allocationsView;
    }

    /** {@return the entity manager factory, for anything else the application does with this database} */
    public EntityManagerFactory entityManagerFactory() {
        return entityManagerFactory;
    }

    /** Closes the entity manager factory and the connection pool. */
    @Override
    public void close() {
        try {
            entityManagerFactory.close();
        } finally {
            pool.close();
        }
    }

    /**
     * Which database this is, with any password in the URL masked.
     *
     * @return for instance {@code H2 at jdbc:h2:mem:allocation}
     */
    @Override
    public String toString() {
        return description;
    }

    /**
     * The URL to connect with: an H2 database kept in files gets {@code WRITE_DELAY=0} unless the
     * URL sets it, so that a commit is in the file before it returns: with H2's default delay a
     * {@code kill -9} loses acknowledged commits (ADR 12).
     */
    static String durable(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        boolean inFiles = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        return inFiles && !url.contains("write_delay") ? jdbcUrl + ";WRITE_DELAY=0" : jdbcUrl;
    }

    static String masked(String jdbcUrl) {
        return jdbcUrl == null ? "null" : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /**
     * Applies the migrations not yet applied, recorded in their own history table. A schema made
     * before migrations, without that table, is taken as version 0: every migration creates only
     * what is absent.
     */
    private static void migrate(String jdbcUrl, AllocationSchema schema) {
        requireOnClassPath("org.flywaydb.core.Flyway", "org.flywaydb:flyway-core");
        Migrations.apply(jdbcUrl, schema);
    }

    /**
     * Fails with a message that says what to add when an optional library is missing, rather than
     * with a {@link NoClassDefFoundError} from deep inside.
     */
    private static void requireOnClassPath(String className, String artifact) {
        try {
            Class.forName(className, false, JpaDatabase.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException("JpaDatabase needs " + artifact + " on the class path: add it to your"
                    + " build (the adapter declares it optional, for applications that bring their own)", missing);
        }
    }

    /** Configures a {@link JpaDatabase}. */
    public static final class Builder {

        private final String jdbcUrl;
        private boolean migrate = true;
        private int maximumPoolSize = 10;
        private int kept = JpaUnitOfWorkFactory.DEFAULT_KEPT;
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder(String jdbcUrl) {
            AllocationSchema.forJdbcUrl(requireNonNull(jdbcUrl, "jdbcUrl"));
            this.jdbcUrl = jdbcUrl;
        }

        /**
         * Whether to apply the schema's migrations at start; {@code true} unless set. When
         * {@code false}, the schema must already be there, from your own run of them.
         *
         * @param migrate whether to migrate the schema at start
         * @return this builder
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * The most connections the pool opens; 10 unless set.
         *
         * @param maximumPoolSize at least 1
         * @return this builder
         */
        public Builder maximumPoolSize(int maximumPoolSize) {
            if (maximumPoolSize < 1) {
                throw new IllegalArgumentException("maximumPoolSize must be at least 1, but was " + maximumPoolSize);
            }
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        /**
         * How much of the products it read or committed to keep between units of work, products
         * and batches each counting one ({@link JpaUnitOfWorkFactory}); {@value
         * JpaUnitOfWorkFactory#DEFAULT_KEPT} unless set, 0 to keep nothing.
         *
         * @param kept at least 0
         * @return this builder
         */
        public Builder productsKept(int kept) {
            if (kept < 0) {
                throw new IllegalArgumentException("productsKept must be at least 0, but was " + kept);
            }
            this.kept = kept;
            return this;
        }

        /**
         * A property for the persistence provider, such as {@code hibernate.generate_statistics}.
         *
         * @param name  the property name
         * @param value its value
         * @return this builder
         */
        public Builder property(String name, Object value) {
            properties.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
            return this;
        }

        /**
         * Opens the database.
         *
         * @return the open database; close it when done
         * @throws StorageFailure when the database cannot be reached or its schema does not match
         */
        public JpaDatabase build() {
            return new JpaDatabase(this);
        }
    }
}
