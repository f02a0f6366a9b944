package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.adapter.jpa.AllocationSchema;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration in a Boot application on an embedded H2, as Boot's own test support starts one. */
class AllocationAutoConfigurationTest {

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    FlywayAutoConfiguration.class, AllocationAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "allocation.dispatcher.grace-period=0s", "allocation.dispatcher.poll-interval=20ms");

    @Test
    void allocatesThroughTheBusOnBootsEntityManagerFactoryAndKeepsTheReadModel() {
        application.run(context -> {
            MessageBus bus = context.getBean(MessageBus.class);
            bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

            assertThat(bus.handle(new Allocate("o1", "LAMP", 2))).contains("b1");
            assertThat(context.getBean(AllocationsView.class).allocations("o1"))
                    .containsExactly(new OrderAllocation("LAMP", "b1"));
            try (UnitOfWork uow = context.getBean(UnitOfWorkFactory.class).start()) {
                assertThat(uow.products().get("LAMP").orElseThrow().batch("b1").orElseThrow().availableQuantity()).isEqualTo(8);
            }
        });
    }

    @Test
    void theReadModelFollowsALineMovedToAnotherBatchInTheSameCommitsAsTheProducts() {
        // A grace period, so that the reallocation is the committing thread's, not the poller's.
        application.withPropertyValues("allocation.dispatcher.grace-period=5s").run(context -> {
            MessageBus bus = context.getBean(MessageBus.class);
            AllocationsView view = context.getBean(AllocationsView.class);
            bus.handle(CreateBatch.inWarehouse("in-stock", "LAMP", 10));
            bus.handle(CreateBatch.arriving("shipment", "LAMP", 10, LocalDate.now().plusDays(3)));
            bus.handle(new Allocate("o1", "LAMP", 4));

            bus.handle(new ChangeBatchQuantity("in-stock", 2));

            assertThat(view.allocations("o1")).containsExactly(new OrderAllocation("LAMP", "shipment"));
        });
    }

    @Test
    void onTheApplicationsOwnUnitsOfWorkTheBusLeavesTheReadModelToTheirCommits() {
        InMemoryDatabase database = new InMemoryDatabase();
        application.withBean(UnitOfWorkFactory.class, () -> database)
                .withBean(AllocationsView.class, database::allocationsView)
                .run(context -> {
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));

                    assertThat(bus.handle(new Allocate("o1", "LAMP", 2))).contains("b1");
                    assertThat(context.getBean(AllocationsView.class).allocations("o1"))
                            .containsExactly(new OrderAllocation("LAMP", "b1"));
                });
    }

    @Test
    void migratesItsTablesWithItsOwnHistoryBesideTheApplicationsMigrations() {
        application.run(context -> {
            Set<String> tables = tables(context.getBean(DataSource.class));

            assertThat(tables).contains("shipments", "flyway_schema_history", AllocationSchema.HISTORY_TABLE,
                    "products", "batches", "allocations", "allocations_view");
        });
    }

    @Test
    void migratesItsTablesWhenTheApplicationHasNoMigrationsOfItsOwn() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        HibernateJpaAutoConfiguration.class, AllocationAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(tables(context.getBean(DataSource.class))).contains(AllocationSchema.HISTORY_TABLE, "products")
                            .doesNotContain("shipments", "flyway_schema_history");
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    assertThat(bus.handle(new Allocate("o1", "LAMP", 2))).contains("b1");
                });
    }

    @Test
    void startsTheDispatcherWithTheContextWhichPublishesThroughTheApplicationsPublisherAndStopsIt() {
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        application.withBean(EventPublisher.class, () -> (event, id) -> published.add(event.toString()))
                .run(context -> {
                    DispatcherLifecycle dispatcher = context.getBean(DispatcherLifecycle.class);
                    assertThat(dispatcher.isRunning()).isTrue();
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    bus.handle(new Allocate("o1", "LAMP", 2));

                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (published.isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertThat(published).singleElement().asString().contains("o1", "b1");

                    context.close();
                    assertThat(dispatcher.isRunning()).isFalse();
                });
    }

    @Test
    void everyBeanBacksOffWhenTheApplicationDefinesItsOwn() {
        application.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).getBean(MessageBus.class).isSameAs(context.getBean(OwnBeans.class).bus);
            assertThat(context).getBean(AllocationsView.class).isSameAs(OwnBeans.VIEW);
            assertThat(context).getBean("ownUnitsOfWork").isSameAs(context.getBean(UnitOfWorkFactory.class));
        });
    }

    @Test
    void theDispatcherCanBeLeftToAnotherProcess() {
        application.withPropertyValues("allocation.dispatcher.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(MessageBus.class)
                        .doesNotHaveBean(DispatcherLifecycle.class));
    }

    @Test
    void aPropertyOutOfRangeStopsTheApplicationBeforeTheMigrationsNamingIt() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        for (String[] refused : new String[][] {
                {"allocation.retry.max-attempts=0", "allocation.retry.max-attempts must be at least 1, but was 0"},
                {"allocation.dispatcher.retries.max-backoff=1ms", "allocation.dispatcher.retries.max-backoff must be at least"},
                {"allocation.dispatcher.threads=0", "allocation.dispatcher.threads must be at least 1, but was 0"},
                {"allocation.products-kept=-1", "allocation.products-kept must be at least 0, but was -1"},
                {"allocation.groups-at-once=-1", "allocation.groups-at-once must be at least 0, but was -1"}}) {
            application.withPropertyValues("spring.datasource.url=" + url, refused[0])
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(IllegalArgumentException.class)
                                .rootCause().hasMessageContaining(refused[1]);
                        assertThat(context.getStartupFailure()).satisfies(failure -> assertThat(causes(failure))
                                .as("Boot's failure analysis reports a BindException with the property")
                                .anyMatch(BindException.class::isInstance));
                    });
        }
        try (Connection connection = java.sql.DriverManager.getConnection(url);
                ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString("TABLE_SCHEM") + "." + rows.getString("TABLE_NAME"));
            }
            assertThat(tables).as("no migration ran").noneMatch(table -> table.startsWith("PUBLIC."));
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    @Test
    void withoutJpaNothingIsConfigured() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AllocationAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MessageBus.class));
    }

    private static Set<String> tables(DataSource dataSource) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return tables;
    }

    /** An application that brings its own bus, units of work and read model. */
    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final AllocationsView VIEW = new InMemoryDatabase().allocationsView();
        final MessageBus bus = Bootstrap.builder().unitsOfWork(new InMemoryDatabase()).readModelKeptByStorage().build();

        @Bean
        MessageBus ownBus() {
            return bus;
        }

        @Bean
        AllocationsView ownView() {
            return VIEW;
        }

        @Bean
        UnitOfWorkFactory ownUnitsOfWork() {
            return new InMemoryDatabase();
        }
    }
}
