package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways to get a JPA adapter, and what its public API throws when the database is gone. */
class JpaDatabaseTest {

    @Test
    void anH2FileDatabaseKeepsWhatWasCommittedAcrossRestarts(@TempDir Path directory) {
        String url = "jdbc:h2:file:" + directory.resolve("allocation").toAbsolutePath();
        try (JpaDatabase database = JpaDatabase.connect(url)) {
            MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().build();
            bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
            bus.handle(new Allocate("o1", "LAMP", 3));
        }

        try (JpaDatabase reopened = JpaDatabase.connect(url)) {
            assertThat(reopened.allocationsView().allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"));
            try (OutboxUnitOfWork uow = reopened.start()) {
                assertThat(uow.products().get("LAMP").orElseThrow().batch("b1").orElseThrow().availableQuantity()).isEqualTo(7);
            }
        }
    }

    @Test
    void worksOnAnEntityManagerFactoryTheApplicationBuilt() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, null, null).locations(AllocationSchema.H2.migrations())
                .table(AllocationSchema.HISTORY_TABLE).load().migrate();
        PersistenceConfiguration configuration = new PersistenceConfiguration("the-application")
                .property(PersistenceConfiguration.JDBC_URL, url);
        AllocationSchema.managedClasses().forEach(configuration::managedClass);

        try (EntityManagerFactory factory = configuration.createEntityManagerFactory()) {
            UnitOfWorkFactory unitsOfWork = new JpaUnitOfWorkFactory(factory);
            try (OutboxUnitOfWork uow = unitsOfWork.start()) {
                Product product = new Product("DESK");
                product.addBatch(new Batch("desk-1", "DESK", 5, null));
                uow.products().add(product);
                uow.commit();
            }
            try (OutboxUnitOfWork uow = unitsOfWork.start()) {
                Product product = uow.products().getByBatchReference("desk-1").orElseThrow();
                assertThat(product.sku()).isEqualTo("DESK");
                OrderLine line = new OrderLine("o1", "DESK", 2);
                product.allocate(line, uow.products().allocationsOf(line));
                uow.commit();
            }
            assertThat(new JpaAllocationsView(factory).allocations("o1")).containsExactly(new OrderAllocation("DESK", "desk-1"));
        }
    }

    @Test
    void aClosedDatabaseFailsWithTheAdaptersOwnException() {
        JpaDatabase database = TestDatabases.h2().build();
        database.close();

        assertThatExceptionOfType(StorageFailure.class)
                .isThrownBy(() -> {
                    try (OutboxUnitOfWork uow = database.start()) {
                        uow.products().get("LAMP");
                    }
                })
                .withMessage("The database failed while starting a transaction");
        assertThatExceptionOfType(StorageFailure.class)
                .isThrownBy(() -> database.allocationsView().allocations("o1"))
                .withMessage("The database failed while reading the allocations of order o1");
    }

    @Test
    void anH2DatabaseInFilesWritesEachCommitBeforeItReturnsUnlessTheUrlSaysOtherwise() {
        assertThat(JpaDatabase.durable("jdbc:h2:file:/tmp/a;AUTO_SERVER=TRUE")).isEqualTo("jdbc:h2:file:/tmp/a;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(JpaDatabase.durable("jdbc:h2:./data/allocation")).isEqualTo("jdbc:h2:./data/allocation;WRITE_DELAY=0");
        assertThat(JpaDatabase.durable("jdbc:h2:file:/tmp/a;write_delay=100")).isEqualTo("jdbc:h2:file:/tmp/a;write_delay=100");
        assertThat(JpaDatabase.durable("jdbc:h2:mem:a;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:a;DB_CLOSE_DELAY=-1");
        assertThat(JpaDatabase.durable("jdbc:postgresql://localhost/test")).isEqualTo("jdbc:postgresql://localhost/test");
    }

    /** An H2 database in memory that lives while the test's own connection is open, to count the others. */
    private static final class Sentinel implements AutoCloseable {
        final String url = "jdbc:h2:mem:" + UUID.randomUUID();
        private final Connection connection;

        Sentinel() throws SQLException {
            connection = DriverManager.getConnection(url);
        }

        int otherSessions() throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet sessions = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
                sessions.next();
                return sessions.getInt(1) - 1;
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    @Test
    void closingTheDatabaseClosesItsFactoryAndEveryConnection() throws SQLException {
        try (Sentinel sentinel = new Sentinel()) {
            JpaDatabase database = JpaDatabase.builder(sentinel.url).maximumPoolSize(1).build();
            Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().build().handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
            assertThat(sentinel.otherSessions()).isEqualTo(1);

            database.close();

            assertThat(database.entityManagerFactory().isOpen()).isFalse();
            assertThat(sentinel.otherSessions()).isZero();
        }
    }

    @Test
    void aDatabaseThatCannotOpenLeavesNoConnectionBehind() throws SQLException {
        try (Sentinel sentinel = new Sentinel()) {
            assertThatExceptionOfType(StorageFailure.class)
                    .isThrownBy(() -> JpaDatabase.builder(sentinel.url).migrate(false).build());

            assertThat(sentinel.otherSessions()).isZero();
        }
    }

    @Test
    void thePoolHoldsAtMostTheConnectionsAskedFor() throws SQLException {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JpaDatabase.builder("jdbc:h2:mem:x").maximumPoolSize(0))
                .withMessage("maximumPoolSize must be at least 1, but was 0");
        try (Sentinel sentinel = new Sentinel();
             JpaDatabase database = JpaDatabase.builder(sentinel.url).maximumPoolSize(3).build()) {
            MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().build();
            bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
            bus.handle(new Allocate("o1", "LAMP", 1));

            assertThat(sentinel.otherSessions()).isBetween(1, 3);
        }
    }

    @Test
    void theRepositoryOfAClosedUnitOfWorkRefusesToRead() {
        try (JpaDatabase database = TestDatabases.h2().build()) {
            Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().build().handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
            OutboxUnitOfWork uow = database.start();
            Products products = uow.products();
            products.get("LAMP");
            uow.close();

            assertThatIllegalStateException()
                    .isThrownBy(() -> products.allocationsIn("b1"))
                    .withMessage("This unit of work is closed");
            assertThatIllegalStateException()
                    .isThrownBy(() -> products.allocationsOf(new OrderLine("o1", "LAMP", 1)))
                    .withMessage("This unit of work is closed");
            assertThatIllegalStateException()
                    .isThrownBy(() -> products.get("DESK"))
                    .withMessage("This unit of work is closed");
        }
    }
}
