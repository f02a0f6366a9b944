package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** An operator lists, replays and discards parked work through the actuator endpoint. */
class ParkedEventsEndpointTest {

    private final AtomicBoolean brokerUp = new AtomicBoolean();
    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    FlywayAutoConfiguration.class, AllocationAutoConfiguration.class,
                    AllocationObservabilityAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "allocation.dispatcher.grace-period=0s", "allocation.dispatcher.poll-interval=20ms",
                    "allocation.dispatcher.retries.max-attempts=1")
            .withBean(EventPublisher.class, () -> (event, id) -> {
                if (!brokerUp.get()) {
                    throw new IllegalStateException("broker away");
                }
            });

    @Test
    void listsParkedEventsWithTheirLastErrorsThenReplaysOneAndDiscardsAnother() {
        application.withPropertyValues("management.endpoints.web.exposure.include=health,allocation").run(context -> {
            ParkedEventsEndpoint endpoint = context.getBean(ParkedEventsEndpoint.class);
            MessageBus bus = context.getBean(MessageBus.class);
            bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
            bus.handle(new Allocate("o1", "LAMP", 2));
            bus.handle(new Allocate("o2", "LAMP", 3));
            eventually(() -> endpoint.parked().size() == 2);

            List<ParkedEventsEndpoint.ParkedEvent> parked = endpoint.parked();
            assertThat(parked).extracting(ParkedEventsEndpoint.ParkedEvent::type).containsOnly("Allocated");
            assertThat(parked.get(0).event()).contains("o1");
            assertThat(parked.get(0).handlers().get("publish_allocated").status()).isEqualTo("PARKED");
            assertThat(parked.get(0).handlers().get("publish_allocated").lastError()).contains("broker away");

            brokerUp.set(true);
            assertThat(endpoint.replay(parked.get(0).eventId().toString(), "publish_allocated").getStatus()).isEqualTo(200);
            assertThat(endpoint.discard(parked.get(1).eventId().toString(), "publish_allocated").getStatus()).isEqualTo(200);
            assertThat(endpoint.replay(UUID.randomUUID().toString(), "publish_allocated").getStatus()).as("not parked").isEqualTo(404);
            assertThat(endpoint.discard("not-an-id", "publish_allocated").getStatus()).isEqualTo(400);

            eventually(() -> endpoint.parked().isEmpty());
        });
    }

    @Test
    void notThereUnlessTheApplicationExposesIt() {
        application.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ParkedEventsEndpoint.class));
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }
}
