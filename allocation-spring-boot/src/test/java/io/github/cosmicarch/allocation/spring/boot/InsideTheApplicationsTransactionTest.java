package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bus called from the application's own transaction, as from a {@code @Transactional} service
 * that saves its order and then allocates: one transaction, one connection, effects after commit.
 */
class InsideTheApplicationsTransactionTest {

    private final List<DomainEvent> published = Collections.synchronizedList(new ArrayList<>());

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class,
                    AllocationAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "allocation.dispatcher.grace-period=0s", "allocation.dispatcher.poll-interval=20ms")
            .withBean(EventPublisher.class, () -> (event, id) -> published.add(event));

    private static void createOrdersTable(ApplicationContext context) {
        context.getBean(JdbcTemplate.class).execute("create table purchase_orders (id varchar(50) primary key)");
    }

    private static int orders(ApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("select count(*) from purchase_orders", Integer.class);
    }

    @Test
    void whenTheApplicationsTransactionRollsBackTheAllocationGoesWithItAndIsNeverPublished() {
        application.run(context -> {
            createOrdersTable(context);
            MessageBus bus = context.getBean(MessageBus.class);
            bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);

            assertThatIllegalStateException().isThrownBy(() -> transaction.executeWithoutResult(status -> {
                context.getBean(JdbcTemplate.class).update("insert into purchase_orders (id) values ('o1')");
                assertThat(bus.handle(new Allocate("o1", "LAMP", 2))).contains("b1");
                throw new IllegalStateException("the application's own failure, after the allocation");
            }));

            assertThat(orders(context)).isZero();
            assertThat(context.getBean(AllocationsView.class).allocations("o1")).isEmpty();
            assertThat(bus.handle(new Allocate("o2", "LAMP", 10))).as("all 10 still there").contains("b1");
            awaitPublished(1);
            Thread.sleep(200);
            assertThat(published).extracting(event -> ((Allocated) event).orderId()).containsExactly("o2");
        });
    }

    @Test
    void theAllocationCommitsWithTheApplicationsRowAndIsPublishedAfterTheCommit() {
        application.run(context -> {
            createOrdersTable(context);
            MessageBus bus = context.getBean(MessageBus.class);
            bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
            AllocationsView view = context.getBean(AllocationsView.class);

            context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                context.getBean(JdbcTemplate.class).update("insert into purchase_orders (id) values ('o1')");
                bus.handle(new Allocate("o1", "LAMP", 2));
                assertThat(view.allocations("o1")).as("the view reads in the application's transaction").hasSize(1);
                sleep(100);
                assertThat(published).as("nothing published before the commit").isEmpty();
            });

            assertThat(orders(context)).isOne();
            awaitPublished(1);
            assertThat(published).containsExactly(new Allocated("o1", "LAMP", 2, "b1"));
        });
    }

    @Test
    void eachCallHoldsOneConnectionSoAFullPoolDoesNotStarveTheBus() {
        application.withPropertyValues("spring.datasource.hikari.maximum-pool-size=4",
                        "spring.datasource.hikari.connection-timeout=1000")
                .run(context -> {
                    createOrdersTable(context);
                    MessageBus bus = context.getBean(MessageBus.class);
                    TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    int clients = 8;
                    int callsEach = 15;
                    for (int client = 0; client < clients; client++) {
                        bus.handle(CreateBatch.inWarehouse("batch-" + client, "SKU-" + client, 1_000));
                    }
                    AtomicInteger failed = new AtomicInteger();
                    ExecutorService pool = Executors.newFixedThreadPool(clients);
                    List<Future<?>> running = new ArrayList<>();
                    for (int client = 0; client < clients; client++) {
                        int id = client;
                        running.add(pool.submit(() -> {
                            for (int call = 0; call < callsEach; call++) {
                                String order = "order-" + id + "-" + call;
                                try {
                                    transaction.executeWithoutResult(status -> {
                                        jdbc.update("insert into purchase_orders (id) values (?)", order);
                                        sleep(5); // the application's own work, holding its connection
                                        bus.handle(new Allocate(order, "SKU-" + id, 1));
                                    });
                                } catch (RuntimeException failure) {
                                    failed.incrementAndGet();
                                }
                            }
                        }));
                    }
                    for (Future<?> client : running) {
                        client.get(2, TimeUnit.MINUTES);
                    }
                    pool.shutdown();

                    assertThat(failed).hasValue(0);
                    assertThat(orders(context)).isEqualTo(clients * callsEach);
                });
    }

    /** An application whose transactions are JDBC's alone. */
    @Configuration(proxyBeanMethods = false)
    static class JdbcTransactions {
        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }

    @Test
    void aJdbcTransactionOfTheSameDataSourceIsJoinedToo() {
        application.withUserConfiguration(JdbcTransactions.class)
                .run(context -> {
                    createOrdersTable(context);
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

                    assertThatIllegalStateException().isThrownBy(() -> transaction.executeWithoutResult(status -> {
                        jdbc.update("insert into purchase_orders (id) values ('o1')");
                        assertThat(bus.handle(new Allocate("o1", "LAMP", 2))).contains("b1");
                        assertThat(jdbc.queryForObject("select count(*) from allocations where order_id = 'o1'", Integer.class))
                                .as("written on the transaction's connection, seen before its commit").isOne();
                        throw new IllegalStateException("the application's own failure, after the allocation");
                    }));
                    transaction.executeWithoutResult(status -> {
                        jdbc.update("insert into purchase_orders (id) values ('o2')");
                        bus.handle(new Allocate("o2", "LAMP", 10));
                    });

                    assertThat(orders(context)).isOne();
                    assertThat(context.getBean(AllocationsView.class).allocations("o1")).isEmpty();
                    assertThat(context.getBean(AllocationsView.class).allocations("o2")).hasSize(1);
                    awaitPublished(1);
                    Thread.sleep(200);
                    assertThat(published).extracting(event -> ((Allocated) event).orderId()).containsExactly("o2");
                });
    }

    private void awaitPublished(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (published.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(published).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
