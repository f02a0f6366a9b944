package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.EffectHandler;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.Handlers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Faults on PostgreSQL: the service's connections terminated ({@code pg_terminate_backend}) during
 * a reallocation cascade, and two instances whose dispatchers share one database. Nothing is lost
 * and no handler runs twice at once for one event.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
class PostgresFaultsTest {

    private static final DispatcherSettings EAGER = new DispatcherSettings(2, Duration.ofMillis(100), Duration.ofMillis(10),
            100, new RetryPolicy(200, Duration.ofMillis(5), Duration.ofMillis(50)));

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    @Test
    void connectionsTerminatedDuringACascadeLoseNoLine() throws Exception {
        int lines = 1000;
        String sku = "KILLED-" + run;
        String application = "allocation-" + run;
        try (JpaDatabase database = JpaDatabase.connect(TestDatabases.postgresUrl().orElseThrow()
                + "&ApplicationName=" + application)) {
            MessageBus bus = bus(database, (event, id) -> published.add(event.orderId()));
            bus.dispatcher().start();
            bus.handle(CreateBatch.inWarehouse(sku + "-full", sku, lines));
            for (int line = 0; line < lines; line++) {
                bus.handle(new Allocate(sku + "-order-" + line, sku, 1));
            }
            bus.handle(new CreateBatch(sku + "-spare", sku, lines, Optional.of(LocalDate.of(2030, 1, 1))));

            ExecutorService killer = Executors.newSingleThreadExecutor();
            AtomicBoolean killing = new AtomicBoolean(true);
            Future<Integer> terminated = killer.submit(() -> terminateWhile(killing, application));
            for (int attempt = 1; ; attempt++) {
                try {
                    bus.handle(new ChangeBatchQuantity(sku + "-full", 0));
                    break;
                } catch (StorageFailure unacknowledged) {
                    assertThat(attempt).as("the client gives up").isLessThan(100);
                }
            }
            Thread.sleep(2000);
            killing.set(false);
            assertThat(terminated.get()).as("connections terminated").isPositive();
            killer.shutdown();

            awaitEmptyOutbox(database, List.of(sku));
            bus.dispatcher().close();
            assertThat(count(database, sku + "-spare")).as("lines reallocated; lost: " + (lines - count(database, sku + "-spare")))
                    .isEqualTo(lines);
            assertThat(count(database, sku + "-full")).isZero();
            for (int line = 0; line < lines; line++) {
                assertThat(published).contains(sku + "-order-" + line);
            }
        }
    }

    @Test
    void twoInstancesDispatchingFromOneDatabaseNeverRunAHandlerTwiceAtOnceAndLoseNothing() throws Exception {
        Map<UUID, Boolean> running = new ConcurrentHashMap<>();
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        EffectHandler<Allocated> watched = (event, id) -> {
            if (running.putIfAbsent(id, true) != null) {
                overlaps.incrementAndGet();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                running.remove(id);
            }
            runs.merge(event.orderId(), 1, Integer::sum);
            published.add(event.orderId());
        };
        List<String> skus = List.of("TWO-A-" + run, "TWO-B-" + run, "TWO-C-" + run);
        try (JpaDatabase first = TestDatabases.postgres().build(); JpaDatabase second = TestDatabases.postgres().build()) {
            MessageBus one = bus(first, watched);
            MessageBus other = bus(second, watched);
            one.dispatcher().start();
            other.dispatcher().start();
            for (String sku : skus) {
                one.handle(CreateBatch.inWarehouse(sku + "-batch", sku, 1_000_000));
            }
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                MessageBus bus = client % 2 == 0 ? one : other;
                int number = client;
                done.add(clients.submit(() -> {
                    for (int order = 0; order < 150; order++) {
                        String sku = skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
                        bus.handle(new Allocate(run + "-" + number + "-" + order, sku, 1));
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
            clients.shutdown();
            awaitEmptyOutbox(first, skus);
            one.dispatcher().close();
            other.dispatcher().close();

            assertThat(overlaps).as("runs of one handler for one event at the same time").hasValue(0);
            assertThat(runs.keySet().stream().filter(order -> order.startsWith(run))).hasSize(600);
        }
    }

    private static MessageBus bus(JpaDatabase database, EffectHandler<Allocated> publish) {
        return MessageBus.builder(database)
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity)
                .event(Deallocated.class, "reallocate", Handlers::reallocate)
                .effect(Allocated.class, "publish", publish)
                .retryPolicy(new RetryPolicy(50, Duration.ofMillis(1), Duration.ofMillis(20)))
                .dispatcherSettings(EAGER)
                .build();
    }

    /**
     * Terminates the application's connections every 300 ms while asked, the first time after a
     * second (the shrink has committed by then, and its lines are being reallocated); answers how
     * many.
     */
    private static int terminateWhile(AtomicBoolean killing, String application) throws Exception {
        int terminated = 0;
        Thread.sleep(1000);
        try (Connection admin = DriverManager.getConnection(TestDatabases.postgresUrl().orElseThrow());
             PreparedStatement terminate = admin.prepareStatement(
                     "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?")) {
            terminate.setString(1, application);
            while (killing.get()) {
                try (ResultSet rows = terminate.executeQuery()) {
                    rows.next();
                    terminated += rows.getInt(1);
                }
                Thread.sleep(300);
            }
        }
        return terminated;
    }

    /** Waits until no event of these products is left in the outbox (others' may share the database). */
    private static void awaitEmptyOutbox(JpaDatabase database, List<String> skus) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            var em = database.entityManagerFactory().createEntityManager();
            try {
                Number left = (Number) em.createNativeQuery("select count(*) from outbox_events where sku in (:skus)")
                        .setParameter("skus", skus).getSingleResult();
                if (left.intValue() == 0) {
                    return;
                }
            } catch (RuntimeException stillRecovering) {
                // the pool replaces terminated connections
            } finally {
                em.close();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The outbox still holds events after 120 s");
            }
            Thread.sleep(20);
        }
    }

    private static int count(JpaDatabase database, String batchReference) {
        var em = database.entityManagerFactory().createEntityManager();
        try {
            return ((Number) em.createNativeQuery("select count(*) from allocations where batch_reference = ?1")
                    .setParameter(1, batchReference).getSingleResult()).intValue();
        } finally {
            em.close();
        }
    }
}
