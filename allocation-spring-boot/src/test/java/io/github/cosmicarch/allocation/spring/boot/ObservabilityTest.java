package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Metrics and health of the bus in a Boot application. */
class ObservabilityTest {

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    FlywayAutoConfiguration.class, MetricsAutoConfiguration.class, AllocationAutoConfiguration.class,
                    AllocationObservabilityAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "allocation.dispatcher.grace-period=0s", "allocation.dispatcher.poll-interval=20ms")
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void aTimerPerCommandTypeAndOutcomeMovesAsCommandsRunBesideTheApplicationsOwnObserver() {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        application.withBean(BusObserver.class, () -> new BusObserver() {
                    @Override
                    public void commandStarted(Command<?> command) {
                        started.add(command.getClass().getSimpleName());
                    }
                })
                .run(context -> {
                    MessageBus bus = context.getBean(MessageBus.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    bus.handle(new Allocate("o1", "LAMP", 2));
                    bus.handle(new Allocate("o2", "LAMP", 2));

                    assertThat(registry.get("allocation.commands").tag("command", "Allocate").tag("outcome", "success")
                            .timer().count()).isEqualTo(2);
                    assertThat(registry.get("allocation.commands").tag("command", "CreateBatch").tag("outcome", "success").timer().count()).isEqualTo(1);
                    assertThat(started).containsExactly("CreateBatch", "Allocate", "Allocate");
                });
    }

    @Test
    void conflictsRetriesFailuresAndParkedHandlersAreCounted() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MicrometerBusObserver metrics = new MicrometerBusObserver(registry);
        Allocate allocate = new Allocate("o1", "LAMP", 1);
        ConcurrencyConflict conflict = new ConcurrencyConflict("LAMP", "changed meanwhile");

        metrics.conflicted(allocate, 1, conflict, true);
        metrics.conflicted(allocate, 2, conflict, false);
        metrics.commandFailed(allocate, conflict, Duration.ofMillis(3));
        metrics.commandFailed(allocate, new IllegalArgumentException("bad"), Duration.ofMillis(1));

        assertThat(registry.get("allocation.conflicts").tag("message", "Allocate").counter().count()).isEqualTo(2);
        assertThat(registry.get("allocation.retries").tag("message", "Allocate").counter().count()).isEqualTo(1);
        assertThat(registry.get("allocation.commands").tag("command", "Allocate").tag("outcome", "conflict").timer().count()).isEqualTo(1);
        assertThat(registry.get("allocation.commands").tag("command", "Allocate").tag("outcome", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void aParkedHandlerIsReportedButLeavesTheHealthUpUnlessAskedForDown() {
        application.withPropertyValues("allocation.dispatcher.retries.max-attempts=1")
                .withBean(EventPublisher.class, () -> (event, id) -> {
                    throw new IllegalStateException("broker away");
                })
                .run(context -> {
                    DispatcherHealthIndicator health = context.getBean(DispatcherHealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    bus.handle(new Allocate("o1", "LAMP", 2));

                    eventually(() -> Integer.valueOf(1).equals(health.health().getDetails().get("parked")));
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(health.health().getDetails()).containsEntry("running", true);
                    assertThat(context.getBean(MeterRegistry.class).get("allocation.handlers.parked")
                            .tag("handler", "publish_allocated").counter().count()).isEqualTo(1);
                    assertThat(context.getBean(MeterRegistry.class).get("allocation.events.parked").gauge().value()).isEqualTo(1);
                    assertThat(context.getBean(MeterRegistry.class).get("allocation.events.oldest.age").gauge().value())
                            .as("a parked event is not pending").isZero();
                });
        application.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "allocation.dispatcher.retries.max-attempts=1", "allocation.health.down-when-parked=true")
                .withBean(EventPublisher.class, () -> (event, id) -> {
                    throw new IllegalStateException("broker away");
                })
                .run(context -> {
                    DispatcherHealthIndicator health = context.getBean(DispatcherHealthIndicator.class);
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    bus.handle(new Allocate("o1", "LAMP", 2));

                    eventually(() -> health.health().getStatus().equals(Status.DOWN));
                });
    }

    @Test
    void theAgeOfTheOldestPendingEventGrowsWhileItWaits() {
        application.withPropertyValues("allocation.dispatcher.retries.first-backoff=1m", "allocation.dispatcher.retries.max-backoff=1m")
                .withBean(EventPublisher.class, () -> (event, id) -> {
                    throw new IllegalStateException("broker away");
                })
                .run(context -> {
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    bus.handle(new Allocate("o1", "LAMP", 2));

                    eventually(() -> context.getBean(MeterRegistry.class).get("allocation.events.oldest.age").gauge().value() >= 0.5);
                });
    }

    @Test
    void everyMeterExistsFromTheStart() {
        application.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            assertThat(registry.get("allocation.commands").tag("command", "Allocate").tag("outcome", "success").timer().count()).isZero();
            assertThat(registry.get("allocation.commands").tag("command", "CreateBatch").tag("outcome", "failure").timer().count()).isZero();
            assertThat(registry.get("allocation.conflicts").tag("message", "Allocate").counter().count()).isZero();
            assertThat(registry.get("allocation.retries").tag("message", "Deallocated").counter().count()).isZero();
            assertThat(registry.get("allocation.events.backlog").gauge().value()).isZero();
            assertThat(registry.get("allocation.events.parked").gauge().value()).isZero();
            assertThat(registry.get("allocation.events.oldest.age").gauge().value()).isZero();
            assertThat(registry.get("allocation.handlers.parked").tag("event", "Allocated").tag("handler", "publish_allocated")
                    .counter().count()).isZero();
            assertThat(registry.get("allocation.handlers.parked").tag("event", "OutOfStock")
                    .tag("handler", "send_out_of_stock_notification").counter().count()).isZero();
        });
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
