package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

/** Every listener the application registers hears the library's events, each on its own account. */
class ListenersTest {

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    TransactionAutoConfiguration.class, FlywayAutoConfiguration.class, AllocationAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "allocation.dispatcher.grace-period=0s", "allocation.dispatcher.poll-interval=20ms",
                    "allocation.dispatcher.retries.first-backoff=10ms", "allocation.dispatcher.retries.max-backoff=10ms");

    /** Publishes to a list, failing as often as it is told to first. */
    static final class Publisher implements EventPublisher {
        final List<DomainEvent> published = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failuresLeft;

        Publisher(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void publish(DomainEvent event, UUID eventId) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("broker away");
            }
            published.add(event);
        }
    }

    /** An application's listeners of the library's events. */
    static final class Listeners {
        final List<Object> heard = Collections.synchronizedList(new ArrayList<>());
        final List<Object> heardAfterCommit = Collections.synchronizedList(new ArrayList<>());

        @EventListener
        void on(Allocated allocated) {
            heard.add(allocated);
        }

        @EventListener
        void on(OutOfStock outOfStock) {
            heard.add(outOfStock);
        }

        @TransactionalEventListener
        void afterCommit(Allocated allocated) {
            heardAfterCommit.add(allocated);
        }
    }

    @Test
    void everyPublisherBeanPublishesEachOnItsOwnAccount() {
        Publisher kafka = new Publisher(0);
        Publisher audit = new Publisher(2);
        application.withBean("kafkaPublisher", EventPublisher.class, () -> kafka)
                .withBean("auditPublisher", EventPublisher.class, () -> audit)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    bus.handle(new Allocate("o1", "LAMP", 2));

                    eventually(() -> audit.published.size() == 1);
                    Thread.sleep(100);
                    assertThat(kafka.published).as("not repeated for the audit's failures").hasSize(1);
                    assertThat(audit.published).containsExactly(new Allocated("o1", "LAMP", 2, "b1"));
                });
    }

    @Test
    void theLibrarysEventsReachTheApplicationsListenersAfterTheCommit() {
        application.withBean(Listeners.class, Listeners::new)
                .run(context -> {
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    bus.handle(new Allocate("o1", "LAMP", 2));
                    bus.handle(new Allocate("o2", "LAMP", 20));

                    Listeners listeners = context.getBean(Listeners.class);
                    eventually(() -> listeners.heard.size() == 2 && listeners.heardAfterCommit.size() == 1);
                    assertThat(listeners.heard).containsExactlyInAnyOrder(new Allocated("o1", "LAMP", 2, "b1"), new OutOfStock("LAMP"));
                    assertThat(listeners.heardAfterCommit).containsExactly(new Allocated("o1", "LAMP", 2, "b1"));
                });
    }

    @Test
    void aCustomizerBeanAddsAHandlerWithoutRebuildingTheBus() {
        List<DomainEvent> audited = Collections.synchronizedList(new ArrayList<>());
        application.withBean(MessageBusCustomizer.class,
                        () -> bus -> bus.effect(Allocated.class, "audit", (event, id) -> audited.add(event)))
                .run(context -> {
                    MessageBus bus = context.getBean(MessageBus.class);
                    bus.handle(CreateBatch.inWarehouse("b1", "LAMP", 10));
                    bus.handle(new Allocate("o1", "LAMP", 2));

                    eventually(() -> audited.size() == 1);
                    assertThat(audited).containsExactly(new Allocated("o1", "LAMP", 2, "b1"));
                });
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }
}
