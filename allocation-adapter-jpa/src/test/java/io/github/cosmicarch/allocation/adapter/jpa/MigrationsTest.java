package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.cosmicarch.allocation.domain.model.Identifiers;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The schema's migrations are the one source of the schema on H2, PostgreSQL and MariaDB: the
 * mapping validates against each, they bring an absent, old or pre-migration schema up to date,
 * their identifier columns are as wide as the domain's identifiers, and a schema that disagrees
 * is refused at start.
 */
class MigrationsTest {

    private static final List<String> MIGRATIONS = List.of("V1__products_batches_allocations.sql", "V2__outbox.sql",
            "V3__product_incarnation.sql");
    private static final Pattern IDENTIFIER_COLUMN =
            Pattern.compile("^\\s+(sku|reference|batch_reference|order_id)\\s+VARCHAR\\((\\d+)\\)", Pattern.MULTILINE);

    private static String h2Url() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void theMappingValidatesAgainstTheMigrationsAppliedByTheApplicationsOwnFlyway() {
        String url = h2Url();
        Flyway.configure().dataSource(url, null, null)
                .locations(AllocationSchema.H2.migrations())
                .table(AllocationSchema.HISTORY_TABLE)
                .load()
                .migrate();

        try (JpaDatabase database = JpaDatabase.builder(url).migrate(false).build()) {
            assertThat(database.toString()).startsWith("H2 at jdbc:h2:mem:");
            assertThat(database.allocationsView().allocations("nobody")).isEmpty();
        }
    }

    @Test
    void anAbsentSchemaIsMigratedAndOpeningAgainChangesNothing() throws SQLException {
        String url = h2Url();
        JpaDatabase.connect(url).close();
        JpaDatabase.connect(url).close();

        assertThat(history(url)).containsExactly("1 products batches allocations", "2 outbox",
                "3 product incarnation");
    }

    @Test
    void anOldSchemaGetsTheMigrationsItLacks() throws SQLException {
        String url = h2Url();
        Flyway.configure().dataSource(url, null, null)
                .locations(AllocationSchema.H2.migrations())
                .table(AllocationSchema.HISTORY_TABLE)
                .target("1")
                .load()
                .migrate();
        assertThat(columns(url)).doesNotContainKey("OUTBOX_EVENTS");

        JpaDatabase.connect(url).close();

        assertThat(history(url)).containsExactly("1 products batches allocations", "2 outbox",
                "3 product incarnation");
        assertThat(columns(url)).containsKey("OUTBOX_EVENTS");
    }

    @Test
    void aSchemaMadeBeforeMigrationsIsTakenAsItIs() throws SQLException {
        String url = h2Url();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM 'classpath:/db/allocation-migrations/h2/V1__products_batches_allocations.sql'");
            statement.execute("RUNSCRIPT FROM 'classpath:/db/allocation-migrations/h2/V2__outbox.sql'");
            statement.execute("INSERT INTO products (sku, version) VALUES ('LAMP', 3)");
        }

        try (JpaDatabase database = JpaDatabase.connect(url)) {
            try (var uow = database.start()) {
                assertThat(uow.products().get("LAMP").orElseThrow().version()).isEqualTo(3);
            }
        }
        assertThat(history(url)).containsExactly("0 << Flyway Baseline >>", "1 products batches allocations", "2 outbox",
                "3 product incarnation");
    }

    @Test
    void aSchemaMissingAColumnIsRefusedAtStart() throws SQLException {
        String url = h2Url();
        JpaDatabase.connect(url).close();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX batches_by_sku");
            statement.execute("ALTER TABLE batches DROP COLUMN addition_order");
        }

        assertThatExceptionOfType(StorageFailure.class)
                .isThrownBy(() -> JpaDatabase.builder(url).migrate(false).build())
                .withMessageStartingWith("The database failed while opening H2")
                .satisfies(failure -> assertThat(failure).rootCause().hasMessageContaining("addition_order"));
    }

    @Test
    void everyIdentifierColumnOfEveryDatabaseIsAsWideAsTheDomainsIdentifiers() {
        for (AllocationSchema schema : AllocationSchema.values()) {
            for (String migration : MIGRATIONS) {
                Matcher columns = IDENTIFIER_COLUMN.matcher(migration(schema, migration));
                while (columns.find()) {
                    assertThat(Integer.parseInt(columns.group(2)))
                            .as("%s in %s of %s", columns.group(1), migration, schema)
                            .isEqualTo(Identifiers.MAX_LENGTH);
                }
            }
        }
        assertThat(IDENTIFIER_COLUMN.matcher(migration(AllocationSchema.MARIADB, MIGRATIONS.get(0))).results().count())
                .as("identifier columns of version 1").isEqualTo(9);
    }

    @Test
    void theMigratedH2SchemaHoldsIdentifiersOfTheLongestLengthAndNoLonger() throws SQLException {
        String url = h2Url();
        JpaDatabase.connect(url).close();

        Map<String, Map<String, Integer>> widths = columns(url);
        for (String table : List.of("PRODUCTS", "BATCHES", "ALLOCATIONS", "ALLOCATIONS_VIEW", "OUTBOX_EVENTS")) {
            widths.get(table).forEach((column, width) -> {
                if (List.of("SKU", "REFERENCE", "BATCH_REFERENCE", "ORDER_ID").contains(column)) {
                    assertThat(width).as("%s.%s", table, column).isEqualTo(Identifiers.MAX_LENGTH);
                }
            });
        }
    }

    @Test
    void h2AndPostgresqlRunTheSameStatements() {
        for (String migration : MIGRATIONS) {
            assertThat(withoutComments(migration(AllocationSchema.H2, migration)))
                    .isEqualTo(withoutComments(migration(AllocationSchema.POSTGRESQL, migration)));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void postgresqlHasTheTablesAndColumnsOfH2() throws SQLException {
        String h2 = h2Url();
        JpaDatabase.connect(h2).close();
        try (JpaDatabase postgres = TestDatabases.postgres().build()) {
            assertThat(postgres.allocationsView().allocations("nobody")).isEmpty();
        }

        assertThat(columnNames(TestDatabases.postgresUrl().orElseThrow())).isEqualTo(columnNames(h2));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.MARIADB_URL, matches = ".+")
    void mariaDbHasTheTablesAndColumnsOfH2AndTellsIdentifiersApartByCase() throws SQLException {
        String h2 = h2Url();
        JpaDatabase.connect(h2).close();
        try (JpaDatabase mariadb = TestDatabases.mariadb().build()) {
            assertThat(mariadb.allocationsView().allocations("nobody")).isEmpty();
        }
        String url = TestDatabases.mariadbUrl().orElseThrow();
        assertThat(columnNames(url)).isEqualTo(columnNames(h2));

        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            String sku = "case-" + UUID.randomUUID();
            statement.execute("INSERT INTO products (sku, version) VALUES ('" + sku + "', 0)");
            statement.execute("INSERT INTO products (sku, version) VALUES ('" + sku.toUpperCase(Locale.ROOT) + "', 0)");
            try (ResultSet found = statement.executeQuery("SELECT COUNT(*) FROM products WHERE sku = '" + sku + "'")) {
                found.next();
                assertThat(found.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void refusesAJdbcUrlOfAnotherDatabaseAndHidesItsPassword() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JpaDatabase.connect("jdbc:mysql://localhost/db?user=u&password=secret"))
                .withMessage("Unsupported JDBC URL jdbc:mysql://localhost/db?user=u&password=***: "
                        + "expected one starting with jdbc:h2:, jdbc:postgresql: or jdbc:mariadb:");
    }

    @Test
    void anUnreachableDatabaseIsAStorageFailureNotAProviderException() {
        assertThatExceptionOfType(StorageFailure.class)
                .isThrownBy(() -> JpaDatabase.connect("jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&password=secret"))
                .withMessageStartingWith("The database failed while opening POSTGRESQL at "
                        + "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&password=***");
    }

    private static String migration(AllocationSchema schema, String name) {
        String resource = schema.migrations().substring("classpath:".length()) + "/" + name;
        try (InputStream in = MigrationsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> withoutComments(String sql) {
        return sql.lines().filter(line -> !line.startsWith("--")).toList();
    }

    /** The versions and descriptions of the successful migrations, in order. */
    private static List<String> history(String url) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT \"version\", \"description\" FROM \""
                     + AllocationSchema.HISTORY_TABLE + "\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2));
            }
        }
        return rows;
    }

    /** Each table of the current schema, with its text columns' widths (0 for other columns), upper case. */
    private static Map<String, Map<String, Integer>> columns(String url) throws SQLException {
        Map<String, Map<String, Integer>> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet result = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
            while (result.next()) {
                String table = result.getString("TABLE_NAME").toUpperCase(Locale.ROOT);
                if (table.equalsIgnoreCase(AllocationSchema.HISTORY_TABLE)) {
                    continue;
                }
                boolean text = result.getString("TYPE_NAME").toUpperCase(Locale.ROOT).contains("CHAR");
                tables.computeIfAbsent(table, name -> new TreeMap<>())
                        .put(result.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), text ? result.getInt("COLUMN_SIZE") : 0);
            }
        }
        return tables;
    }

    private static Map<String, Map<String, Integer>> columnNames(String url) throws SQLException {
        return columns(url);
    }
}
