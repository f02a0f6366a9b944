package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.nio.file.Path;
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
            MessageBus bus = database.bootstrap().build();
            bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
            bus.handle(new Allocate("o1", "LAMP", 3));
        }

        try (JpaDatabase reopened = JpaDatabase.connect(url)) {
            assertThat(reopened.allocationsView().allocations("o1")).containsExactly(new OrderAllocation("LAMP", "b1"));
            try (UnitOfWork uow = reopened.start()) {
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
            try (UnitOfWork uow = unitsOfWork.start()) {
                Product product = new Product("DESK");
                product.addBatch(new Batch("desk-1", "DESK", 5, null));
                uow.products().add(product);
                uow.commit();
            }
            try (UnitOfWork uow = unitsOfWork.start()) {
                assertThat(uow.products().getByBatchReference("desk-1")).map(Product::sku).contains("DESK");
            }
            new JpaAllocationsView(factory).add("o1", "DESK", "desk-1");
            assertThat(new JpaAllocationsView(factory).allocations("o1")).containsExactly(new OrderAllocation("DESK", "desk-1"));
        }
    }

    @Test
    void aClosedDatabaseFailsWithTheAdaptersOwnException() {
        JpaDatabase database = TestDatabases.h2().build();
        database.close();

        assertThatExceptionOfType(StorageFailure.class)
                .isThrownBy(() -> {
                    try (UnitOfWork uow = database.start()) {
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
}
