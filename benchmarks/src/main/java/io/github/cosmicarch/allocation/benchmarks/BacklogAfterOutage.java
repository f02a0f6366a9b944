package io.github.cosmicarch.allocation.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cosmicarch.allocation.examples.application.AllocationApplication;
import io.github.cosmicarch.allocation.examples.application.Settings;
import io.github.cosmicarch.allocation.examples.application.Settings.Endpoint;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Whether the dispatcher keeps up and catches up, over HTTP to the example service (in this JVM,
 * on PostgreSQL when {@code allocation.postgres.url} is set, else H2 in memory) with a
 * redis-server of its own, 16 clients allocating throughout:
 *
 * <ol>
 *   <li>Redis up: allocations answered and {@code line_allocated} messages heard per second, side
 *       by side over the same seconds;</li>
 *   <li>Redis stopped until the outbox holds the backlog asked for, then started again: the
 *       seconds until no event stored before its return is left in the outbox, while the load
 *       goes on.</li>
 * </ol>
 *
 * <p>Arguments: the output JSON file, the backlog (events), the seconds of the first part. Needs
 * {@code redis-server}.
 */
public final class BacklogAfterOutage {

    private static final int CLIENTS = 16;
    /** The longest wait for the backlog to build up, and then to be published. */
    private static final Duration LONGEST_DRAIN = Duration.ofSeconds(120);

    private BacklogAfterOutage() {}

    /**
     * Runs the measurement.
     *
     * @param args output file, backlog, seconds with Redis up
     * @throws Exception when Redis or the service cannot start
     */
    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        int backlog = Integer.parseInt(args[1]);
        Duration steady = Duration.ofSeconds(Long.parseLong(args[2]));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String postgres = System.getProperty("allocation.postgres.url");
        boolean h2 = postgres == null || postgres.isBlank();
        String url = h2 ? "jdbc:h2:mem:backlog-" + run + ";DB_CLOSE_DELAY=-1" : BenchmarkDatabase.ownSchema(postgres, "backlog_" + run);
        int port = freePort();
        Process redis = RedisOutageLoad.startRedis(port);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("database", url.startsWith("jdbc:h2") ? "h2" : "postgresql");
        result.put("clients", CLIENTS);
        AtomicLong heard = new AtomicLong();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        try (AllocationApplication application = AllocationApplication.start(new Settings(0, url,
                Optional.of(new Endpoint("127.0.0.1", port)), Optional.empty()))) {
            String base = "http://127.0.0.1:" + application.port();
            HttpClient http = HttpClient.newHttpClient();
            String sku = "BACKLOG-" + run;
            post(http, base + "/add_batch", "{\"ref\": \"" + sku + "\", \"sku\": \"" + sku + "\", \"qty\": 1000000000, \"eta\": null}");
            Listener listener = Listener.start(port, heard, clients);
            AtomicLong order = new AtomicLong();
            for (int client = 0; client < CLIENTS; client++) {
                clients.submit(() -> {
                    while (loading.get()) {
                        try {
                            if (post(http, base + "/allocate", "{\"orderid\": \"" + sku + "-" + order.incrementAndGet()
                                    + "\", \"sku\": \"" + sku + "\", \"qty\": 1}") == 202) {
                                answered.incrementAndGet();
                            }
                        } catch (Exception failed) {
                            // counted as not answered
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(steady.toMillis()); // warm up
            long answeredBefore = answered.get();
            long heardBefore = heard.get();
            long started = System.nanoTime();
            Thread.sleep(steady.toMillis());
            double seconds = (System.nanoTime() - started) / 1e9;
            result.put("allocationsPerSecond", (answered.get() - answeredBefore) / seconds);
            result.put("publishedPerSecond", (heard.get() - heardBefore) / seconds);
            System.out.printf("Redis up: %.0f allocations/s, %.0f line_allocated messages/s%n",
                    result.get("allocationsPerSecond"), result.get("publishedPerSecond"));

            listener.close();
            redis.destroy();
            redis.waitFor();
            long stoppedAt = System.nanoTime();
            while (pending(url, sku, Long.MAX_VALUE) < backlog && System.nanoTime() - stoppedAt < LONGEST_DRAIN.toNanos()) {
                Thread.sleep(100);
            }
            result.put("outageSeconds", (System.nanoTime() - stoppedAt) / 1e9);
            redis = RedisOutageLoad.startRedis(port);
            long returnedAtMillis = System.currentTimeMillis();
            long returned = System.nanoTime();
            long left = pending(url, sku, returnedAtMillis);
            result.put("backlog", left);
            System.out.printf("Redis stopped %.1f s; %d events stored before its return%n", result.get("outageSeconds"), left);
            while (left > 0 && System.nanoTime() - returned < LONGEST_DRAIN.toNanos()) {
                Thread.sleep(50);
                left = pending(url, sku, returnedAtMillis);
            }
            result.put("drainSeconds", left == 0 ? (System.nanoTime() - returned) / 1e9 : null);
            result.put("leftAfterLongestDrain", left);
            System.out.printf("Backlog published %.1f s after Redis returned (%d left)%n",
                    (System.nanoTime() - returned) / 1e9, left);
        } finally {
            loading.set(false);
            clients.shutdownNow();
            redis.destroy();
            if (!h2) {
                BenchmarkDatabase.dropSchema(postgres, "backlog_" + run);
            }
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), result);
    }

    /** The product's events in the outbox stored no later than the time given: the database may hold others'. */
    private static long pending(String url, String sku, long storedBeforeMillis) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from outbox_events where sku = ? and stored_at_ms <= ?")) {
            count.setString(1, sku);
            count.setLong(2, storedBeforeMillis);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Counts the messages on {@code line_allocated}, on a thread of the pool given. */
    private record Listener(JedisPubSub subscription, Future<?> running) implements AutoCloseable {

        static Listener start(int port, AtomicLong heard, ExecutorService pool) throws InterruptedException {
            JedisPubSub subscription = new JedisPubSub() {
                @Override
                public void onMessage(String channel, String message) {
                    heard.incrementAndGet();
                }
            };
            Future<?> running = pool.submit(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                    jedis.subscribe(subscription, "line_allocated");
                }
            });
            while (!subscription.isSubscribed()) {
                Thread.sleep(10);
            }
            return new Listener(subscription, running);
        }

        @Override
        public void close() {
            subscription.unsubscribe();
        }
    }

    private static int post(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
