package io.github.cosmicarch.allocation.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.spring.boot.AllocationAutoConfiguration;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The README's section "Inside a Spring application", run. */
class InsideASpringApplicationTest {

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    AllocationAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "allocation.dispatcher.grace-period=0s", "allocation.dispatcher.poll-interval=20ms")
            .withBean(Orders.class)
            .withBean(Warehouse.class);

    @Test
    void anOrderAndItsAllocationCommitTogetherAndTheWarehouseHearsOfItAfterTheCommit() {
        application.run(context -> {
            context.getBean(JdbcTemplate.class)
                    .execute("create table purchase_orders (id varchar(50) primary key, sku varchar(50), quantity int)");
            context.getBean(MessageBus.class).handle(CreateBatch.inWarehouse("in-stock", "SMALL-TABLE", 20));
            Orders orders = context.getBean(Orders.class);

            // README
            Optional<String> batch = null;
            for (int attempt = 1; batch == null; attempt++) {
                try {
                    batch = orders.place("order-1", "SMALL-TABLE", 10); // a whole transaction per attempt
                } catch (ConcurrencyConflict conflict) {
                    if (attempt == 3) {
                        throw conflict;                 // or answer 409
                    }
                }
            }
            // END README

            assertThat(batch).contains("in-stock");
            assertThat(context.getBean(AllocationsView.class).allocations("order-1")).hasSize(1);
            Warehouse warehouse = context.getBean(Warehouse.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (warehouse.toPick.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(warehouse.toPick).containsExactly("order-1 from in-stock");
        });
    }
}
