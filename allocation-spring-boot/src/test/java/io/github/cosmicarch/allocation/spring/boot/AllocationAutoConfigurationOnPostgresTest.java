package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration on PostgreSQL, when ALLOCATION_POSTGRES_URL names one (as .ci/run does). */
@EnabledIfEnvironmentVariable(named = "ALLOCATION_POSTGRES_URL", matches = ".+")
class AllocationAutoConfigurationOnPostgresTest {

    @Test
    void migratesAndAllocatesThroughTheBusOnPostgresql() {
        String sku = "LAMP-" + UUID.randomUUID();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        HibernateJpaAutoConfiguration.class, FlywayAutoConfiguration.class, AllocationAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + System.getenv("ALLOCATION_POSTGRES_URL"),
                        // The shared test schema holds other suites' tables: only the library migrates here.
                        "spring.flyway.enabled=false")
                .run(context -> {
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b-" + sku, sku, 10));

                    assertThat(bus.handle(new Allocate("o-" + sku, sku, 2))).contains("b-" + sku);
                    assertThat(context.getBean(AllocationsView.class).allocations("o-" + sku))
                            .containsExactly(new OrderAllocation(sku, "b-" + sku));
                });
    }
}
