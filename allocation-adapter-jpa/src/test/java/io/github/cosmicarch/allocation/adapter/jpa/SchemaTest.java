package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The shipped SQL scripts and the mapping agree, and a schema that disagrees is refused at start. */
class SchemaTest {

    @Test
    void theMappingValidatesAgainstTheH2ScriptAppliedByHand() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        runScript(url, AllocationSchema.H2.statements());

        try (JpaDatabase database = JpaDatabase.builder(url).createSchema(false).build()) {
            assertThat(database.toString()).startsWith("H2 at jdbc:h2:mem:");
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void theMappingValidatesAgainstThePostgresqlScript() {
        try (JpaDatabase database = TestDatabases.postgres().build()) {
            assertThat(database.toString()).startsWith("POSTGRESQL at jdbc:postgresql:");
        }
        try (JpaDatabase again = TestDatabases.postgres().build()) {
            assertThat(again.allocationsView().allocations("nobody")).isEmpty();
        }
    }

    @Test
    void theScriptsCanRunTwice() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        runScript(url, AllocationSchema.H2.statements());
        runScript(url, AllocationSchema.H2.statements());

        try (JpaDatabase database = JpaDatabase.builder(url).build()) {
            assertThat(database.allocationsView().allocations("nobody")).isEmpty();
        }
    }

    @Test
    void aSchemaMissingAColumnIsRefusedAtStart() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        runScript(url, AllocationSchema.H2.statements().stream()
                .map(statement -> statement.replace("addition_order     INTEGER      NOT NULL,", ""))
                .map(statement -> statement.replace("CREATE INDEX IF NOT EXISTS batches_by_sku ON batches (sku, addition_order)",
                        "CREATE INDEX IF NOT EXISTS batches_by_sku ON batches (sku)"))
                .toList());

        assertThatExceptionOfType(StorageFailure.class)
                .isThrownBy(() -> JpaDatabase.builder(url).createSchema(false).build())
                .withMessageStartingWith("The database failed while opening H2")
                .satisfies(failure -> assertThat(failure).rootCause().hasMessageContaining("addition_order"));
    }

    @Test
    void bothScriptsDescribeTheSameTables() {
        assertThat(AllocationSchema.POSTGRESQL.statements()).isEqualTo(AllocationSchema.H2.statements());
        assertThat(AllocationSchema.H2.statements()).filteredOn(statement -> statement.startsWith("CREATE TABLE"))
                .hasSize(6)
                .anyMatch(statement -> statement.contains("allocations_view"));
    }

    @Test
    void refusesAJdbcUrlOfAnotherDatabaseAndHidesItsPassword() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JpaDatabase.connect("jdbc:mysql://localhost/db?user=u&password=secret"))
                .withMessage("Unsupported JDBC URL jdbc:mysql://localhost/db?user=u&password=***: "
                        + "expected one starting with jdbc:h2: or jdbc:postgresql:");
    }

    @Test
    void anUnreachableDatabaseIsAStorageFailureNotAProviderException() {
        assertThatExceptionOfType(StorageFailure.class)
                .isThrownBy(() -> JpaDatabase.connect("jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&password=secret"))
                .withMessage("The database failed while opening POSTGRESQL at "
                        + "jdbc:postgresql://127.0.0.1:1/nowhere?user=nobody&password=***");
    }

    private static void runScript(String url, Iterable<String> statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
