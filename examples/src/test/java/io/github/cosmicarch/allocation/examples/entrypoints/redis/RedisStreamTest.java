package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.examples.application.AllocationApplication;
import io.github.cosmicarch.allocation.examples.application.Settings;
import io.github.cosmicarch.allocation.examples.application.Settings.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * The stream beside the book's channel: a {@code change_batch_quantity} sent while the service
 * restarts waits in the stream and is applied, and acknowledged, when it is back. Runs a private
 * redis-server, so it needs {@code redis-server}.
 */
@EnabledIf("redisServerInstalled")
class RedisStreamTest {

    private final String prefix = UUID.randomUUID().toString().substring(0, 8);
    private final String databaseUrl = "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1";
    private final HttpClient http = HttpClient.newHttpClient();

    static boolean redisServerInstalled() {
        return PrivateRedis.installed();
    }

    @Test
    void aMessageSentWhileTheServiceWasDownIsAppliedWhenItStartsAndThenAcknowledged() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            Settings settings = new Settings(0, databaseUrl, Optional.of(new Endpoint("127.0.0.1", redis.port())), Optional.empty());
            try (AllocationApplication application = AllocationApplication.start(settings)) {
                post(application, "/add_batch", "{\"ref\": \"b1\", \"sku\": \"S\", \"qty\": 10, \"eta\": null}");
                post(application, "/add_batch", "{\"ref\": \"b2\", \"sku\": \"S\", \"qty\": 10, \"eta\": \"2031-01-01\"}");
                post(application, "/allocate", "{\"orderid\": \"o1\", \"sku\": \"S\", \"qty\": 6}");
                awaitGroup(redis);
            }
            try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
                jedis.xadd(RedisStreamBridge.STREAM, StreamEntryID.NEW_ENTRY,
                        Map.of(RedisStreamBridge.FIELD, "{\"batchref\": \"b1\", \"qty\": 1}"));
                jedis.xadd(RedisStreamBridge.STREAM, StreamEntryID.NEW_ENTRY, Map.of(RedisStreamBridge.FIELD, "not json"));
            }

            try (AllocationApplication application = AllocationApplication.start(settings)) {
                String allocations = "";
                for (int attempt = 0; attempt < 100 && !allocations.contains("b2"); attempt++) {
                    Thread.sleep(100);
                    allocations = get(application, "/allocations/o1");
                }
                assertThat(allocations).isEqualTo("[{\"sku\":\"S\",\"batchref\":\"b2\"}]");
                try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
                    long pending = Long.MAX_VALUE;
                    for (int attempt = 0; attempt < 50 && pending > 0; attempt++) {
                        pending = jedis.xpending(RedisStreamBridge.STREAM, RedisStreamBridge.GROUP).getTotal();
                        Thread.sleep(100);
                    }
                    assertThat(pending).as("entries delivered and not acknowledged").isZero();
                }
            }
        }
    }

    private static void awaitGroup(PrivateRedis redis) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
                if (jedis.exists(RedisStreamBridge.STREAM)
                        && !jedis.xinfoGroups(RedisStreamBridge.STREAM).isEmpty()) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the stream bridge did not create its group");
    }

    private int post(AllocationApplication application, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String get(AllocationApplication application, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                .GET().timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
