package io.github.cosmicarch.allocation.examples.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL server of the test's own crashes (an immediate stop: what its log had not written
 * is gone) while a client allocates and the dispatcher publishes, its marks committed without
 * waiting for the disk (ADR 18). After a restart every allocation acknowledged is held and
 * published: a mark lost in the crash publishes its event again, and nothing is lost.
 */
class ProgressCommitsCrashTest {

    private static final DispatcherSettings EAGER = DispatcherSettings.defaults().withGracePeriod(Duration.ZERO)
            .withPollInterval(Duration.ofMillis(20));
    private static final String SKU = "CRASHING";

    private final Map<String, Integer> publications = new ConcurrentHashMap<>();
    private final List<String> acknowledged = new ArrayList<>();

    @Test
    void aDatabaseCrashWhileEventsArePublishedLosesNoAllocationAndNoPublication() throws Exception {
        Optional<Path> installation = PrivatePostgres.installation();
        Assumptions.assumeTrue(installation.isPresent(), "PostgreSQL is not installed here");
        try (PrivatePostgres postgres = PrivatePostgres.start(installation.get())) {
            try (JpaDatabase database = JpaDatabase.connect(postgres.jdbcUrl())) {
                MessageBus bus = bus(database);
                bus.handle(CreateBatch.inWarehouse(SKU + "-batch", SKU, 1_000_000));
                bus.dispatcher().start();
                ExecutorService client = Executors.newSingleThreadExecutor();
                Future<?> allocating = client.submit(() -> allocateUntilRefused(bus));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (publications.size() < 1_000 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                postgres.stop();
                allocating.get();
                client.shutdown();
                bus.dispatcher().close();
            }
            int publishedBeforeTheCrash = publications.size();
            postgres.startAgain();
            try (JpaDatabase database = JpaDatabase.connect(postgres.jdbcUrl())) {
                MessageBus bus = bus(database);
                bus.dispatcher().start();
                try {
                    awaitEmptyOutbox(postgres.jdbcUrl());
                } finally {
                    bus.dispatcher().close();
                }
            }
            List<String> held = ordersHeld(postgres.jdbcUrl());
            long publishedTwice = publications.values().stream().filter(times -> times > 1).count();
            System.out.printf("Acknowledged %d allocations, %d published before the crash, %d published twice%n",
                    acknowledged.size(), publishedBeforeTheCrash, publishedTwice);
            assertThat(publishedBeforeTheCrash).as("published before the crash").isGreaterThanOrEqualTo(1_000);
            assertThat(held).as("acknowledged allocations held after the crash").containsAll(acknowledged);
            assertThat(publications.keySet()).as("acknowledged allocations published").containsAll(acknowledged);
        }
    }

    private MessageBus bus(JpaDatabase database) {
        return Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().publisher((event, id) -> {
            if (event instanceof Allocated allocated) {
                publications.merge(allocated.orderId(), 1, Integer::sum);
            }
        }).messageBus().dispatcherSettings(EAGER).build();
    }

    /** Allocates one line after another, noting each acknowledged, until the database refuses. */
    private void allocateUntilRefused(MessageBus bus) {
        for (int order = 0; ; order++) {
            String orderId = SKU + "-order-" + order;
            try {
                bus.handle(new Allocate(orderId, SKU, 1));
            } catch (RuntimeException refused) {
                return;
            }
            synchronized (acknowledged) {
                acknowledged.add(orderId);
            }
        }
    }

    private static void awaitEmptyOutbox(String url) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!PrivatePostgres.column(url, "select event_id from outbox_events").isEmpty()) {
            assertThat(System.nanoTime()).as("the outbox emptied within two minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> ordersHeld(String url) throws SQLException {
        return PrivatePostgres.column(url, "select order_id from allocations where sku = '" + SKU + "'");
    }
}
