package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.examples.adapters.redis.RedisEventPublisher;
import io.github.cosmicarch.allocation.examples.application.AllocationApplication;
import io.github.cosmicarch.allocation.examples.application.Settings.Endpoint;
import io.github.cosmicarch.allocation.examples.application.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Redis stopped, then frozen, while clients allocate: every allocation is answered 202 at once,
 * since publishing runs on the dispatcher's threads, and every one is published once Redis is back.
 * Runs a private redis-server, so it needs {@code redis-server}.
 */
@EnabledIf("redisServerInstalled")
class RedisOutageTest {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderid\":\"([^\"]+)\"");
    /** Longer than Jedis's socket timeout (2 s): an answer that waited for a frozen Redis would take it. */
    private static final Duration SLOWEST_ANSWER = Duration.ofMillis(1500);

    private final String prefix = UUID.randomUUID().toString().substring(0, 8);
    private final String databaseUrl = "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private PrivateRedis redis;
    private AllocationApplication application;

    static boolean redisServerInstalled() {
        return PrivateRedis.installed();
    }

    @BeforeEach
    void start() throws Exception {
        redis = PrivateRedis.start();
        application = AllocationApplication.start(new Settings(0, databaseUrl,
                Optional.of(new Endpoint("127.0.0.1", redis.port())), Optional.empty()));
        assertThat(post("/add_batch", "{\"ref\": \"" + prefix + "-b\", \"sku\": \"" + prefix + "\", \"qty\": 1000000, \"eta\": null}"))
                .isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        application.close();
        redis.close();
    }

    @Test
    void withRedisStoppedAnswersStayImmediateAndEveryAllocationIsPublishedWhenItIsBack() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        Future<Load> load = threads.submit(() -> allocateWhile(loading));
        Thread.sleep(500);
        redis.stop();
        Thread.sleep(3000);
        redis.startAgain();
        Thread.sleep(500);
        loading.set(false);
        Load done = load.get();

        assertThat(done.failures).as("answers other than 202").isEmpty();
        assertThat(done.slowest).isLessThan(SLOWEST_ANSWER);
        assertThat(done.orders).hasSizeGreaterThan(50);
        awaitEmptyOutbox(Duration.ofSeconds(60));
        assertThat(committedOrders()).containsExactlyInAnyOrderElementsOf(done.orders);
    }

    @Test
    void withRedisFrozenAnswersStayImmediateAndEveryAllocationIsPublishedWhenItThaws() throws Exception {
        Set<String> received = Collections.synchronizedSet(new HashSet<>());
        Future<?> listening = threads.submit(() -> listen(received));
        awaitSubscriber();
        AtomicBoolean loading = new AtomicBoolean(true);
        Future<Load> load = threads.submit(() -> allocateWhile(loading));
        Thread.sleep(500);
        redis.freeze();
        Thread.sleep(5000);
        redis.thaw();
        loading.set(false);
        Load done = load.get();

        assertThat(done.failures).as("answers other than 202").isEmpty();
        assertThat(done.slowest).isLessThan(SLOWEST_ANSWER);
        assertThat(done.orders).hasSizeGreaterThan(50);
        awaitEmptyOutbox(Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!received.containsAll(done.orders) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(received).as("published on line_allocated").containsAll(done.orders);
        listening.cancel(true);
    }

    /** What one client saw while it allocated. */
    private record Load(List<String> orders, List<Integer> failures, Duration slowest) {}

    private Load allocateWhile(AtomicBoolean loading) throws Exception {
        List<String> orders = new ArrayList<>();
        List<Integer> failures = new ArrayList<>();
        long slowest = 0;
        for (int order = 0; loading.get(); order++) {
            String orderId = prefix + "-o" + order;
            long started = System.nanoTime();
            int status = post("/allocate", "{\"orderid\": \"" + orderId + "\", \"sku\": \"" + prefix + "\", \"qty\": 1}");
            slowest = Math.max(slowest, System.nanoTime() - started);
            if (status == 202) {
                orders.add(orderId);
            } else {
                failures.add(status);
            }
        }
        return new Load(orders, failures, Duration.ofNanos(slowest));
    }

    private void listen(Set<String> received) {
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port(), 0)) {
            jedis.subscribe(new JedisPubSub() {
                @Override
                public void onMessage(String channel, String message) {
                    Matcher orderId = ORDER_ID.matcher(message);
                    if (orderId.find()) {
                        received.add(orderId.group(1));
                    }
                }
            }, RedisEventPublisher.LINE_ALLOCATED);
        }
    }

    private void awaitSubscriber() throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
                if (jedis.pubsubNumSub(RedisEventPublisher.LINE_ALLOCATED).getOrDefault(RedisEventPublisher.LINE_ALLOCATED, 0L) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the test's subscriber did not subscribe");
    }

    /** Every event left the outbox: each handler, the publisher included, succeeded with it. */
    private void awaitEmptyOutbox(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (count("select count(*) from outbox_events") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count("select count(*) from outbox_events") + " events still in the outbox after "
                        + patience);
            }
            Thread.sleep(100);
        }
    }

    private Set<String> committedOrders() throws Exception {
        Set<String> orders = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl);
             ResultSet rows = connection.createStatement().executeQuery(
                     "select order_id from allocations where sku = '" + prefix + "'")) {
            while (rows.next()) {
                orders.add(rows.getString(1));
            }
        }
        return orders;
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(databaseUrl);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private int post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
