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
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** The book's chapter 11 over a real Redis: skipped unless REDIS_HOST is set. */
@EnabledIfEnvironmentVariable(named = "REDIS_HOST", matches = ".+")
class RedisBridgeTest {

    private final Endpoint redis = Settings.from(System.getenv()).redis().orElseThrow();
    private final String prefix = UUID.randomUUID().toString().substring(0, 8);
    private final BlockingQueue<String> lineAllocated = new LinkedBlockingQueue<>();
    private final JedisPubSub listener = new JedisPubSub() {
        @Override
        public void onMessage(String channel, String message) {
            lineAllocated.add(message.replaceFirst("^\\{\"id\":\"[0-9a-f-]{36}\",", "{"));
        }
    };
    private AllocationApplication application;
    private Thread listening;

    @BeforeEach
    void start() throws InterruptedException {
        application = AllocationApplication.start(new Settings(0, "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1",
                Optional.of(redis), Optional.empty()));
        listening = new Thread(() -> {
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.subscribe(listener, RedisEventPublisher.LINE_ALLOCATED);
            }
        });
        listening.start();
        awaitSubscribers(RedisEventBridge.CHANGE_BATCH_QUANTITY);
        awaitSubscribers(RedisEventPublisher.LINE_ALLOCATED);
    }

    @AfterEach
    void stop() throws InterruptedException {
        listener.unsubscribe();
        listening.join(5_000);
        application.close();
    }

    @Test
    void aBatchQuantityChangeFromRedisMovesTheLineAndTheNewAllocationIsPublished() throws Exception {
        String sku = prefix + "-TABLE";
        post("/add_batch", "{\"ref\": \"" + prefix + "-batch1\", \"sku\": \"" + sku + "\", \"qty\": 10, \"eta\": null}");
        post("/add_batch", "{\"ref\": \"" + prefix + "-batch2\", \"sku\": \"" + sku + "\", \"qty\": 20, \"eta\": \"2031-01-01\"}");
        post("/allocate", "{\"orderid\": \"" + prefix + "-order1\", \"sku\": \"" + sku + "\", \"qty\": 10}");
        assertThat(next()).isEqualTo(lineAllocated(prefix + "-order1", sku, 10, prefix + "-batch1"));

        publish("{\"batchref\": \"" + prefix + "-batch1\", \"qty\": 5}");

        assertThat(next()).isEqualTo(lineAllocated(prefix + "-order1", sku, 10, prefix + "-batch2"));
    }

    @Test
    void aBadMessageIsSkippedAndTheNextGoodOneStillWorks() throws Exception {
        String sku = prefix + "-LAMP";
        post("/add_batch", "{\"ref\": \"" + prefix + "-lamp1\", \"sku\": \"" + sku + "\", \"qty\": 10, \"eta\": null}");
        post("/add_batch", "{\"ref\": \"" + prefix + "-lamp2\", \"sku\": \"" + sku + "\", \"qty\": 10, \"eta\": \"2031-01-01\"}");
        post("/allocate", "{\"orderid\": \"" + prefix + "-order2\", \"sku\": \"" + sku + "\", \"qty\": 4}");
        assertThat(next()).contains(prefix + "-lamp1");

        publish("{this is not json");
        publish("{\"batchref\": \"no-such-batch\", \"qty\": 1}");
        publish("{\"batchref\": \"" + prefix + "-lamp1\", \"qty\": 2}");

        assertThat(next()).isEqualTo(lineAllocated(prefix + "-order2", sku, 4, prefix + "-lamp2"));
    }

    @Test
    void aHugeBadMessageIsLoggedOnceByItsBeginningAndTheNextGoodOneStillWorks() throws Exception {
        String sku = prefix + "-RUG";
        post("/add_batch", "{\"ref\": \"" + prefix + "-rug1\", \"sku\": \"" + sku + "\", \"qty\": 10, \"eta\": null}");
        post("/add_batch", "{\"ref\": \"" + prefix + "-rug2\", \"sku\": \"" + sku + "\", \"qty\": 10, \"eta\": \"2031-01-01\"}");
        post("/allocate", "{\"orderid\": \"" + prefix + "-order3\", \"sku\": \"" + sku + "\", \"qty\": 4}");
        assertThat(next()).contains(prefix + "-rug1");
        String huge = "{\"batchref\": \"" + prefix + "-no-such-batch\", \"qty\": 1, \"note\": \"" + "x".repeat(1 << 20) + "\"}";

        try (CapturedLog log = new CapturedLog()) {
            publish(huge);
            publish("{\"batchref\": \"" + prefix + "-rug1\", \"qty\": 2}");

            assertThat(next()).isEqualTo(lineAllocated(prefix + "-order3", sku, 4, prefix + "-rug2"));
            ChangeBatchQuantityMessagesTest.assertShownOnceAndCut(huge, log.events());
        }
    }

    private static String lineAllocated(String orderId, String sku, int quantity, String batch) {
        return "{\"orderid\":\"" + orderId + "\",\"sku\":\"" + sku + "\",\"qty\":" + quantity + ",\"batchref\":\"" + batch + "\"}";
    }

    private String next() throws InterruptedException {
        String message = lineAllocated.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a line_allocated message within 10 s").isNotNull();
        return message;
    }

    private void publish(String message) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            jedis.publish(RedisEventBridge.CHANGE_BATCH_QUANTITY, message);
        }
    }

    private void post(String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isBetween(200, 299);
    }

    private void awaitSubscribers(String channel) throws InterruptedException {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (int attempt = 0; attempt < 100; attempt++) {
                Map<String, Long> subscribers = jedis.pubsubNumSub(channel);
                if (subscribers.getOrDefault(channel, 0L) > 0) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nobody subscribed to " + channel + " within 10 s");
    }
}
