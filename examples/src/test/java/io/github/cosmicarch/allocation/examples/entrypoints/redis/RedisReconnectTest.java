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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.Jedis;

/**
 * Redis goes away and comes back: the application keeps serving HTTP meanwhile, and the bridge
 * subscribes again. Runs a private Redis server of its own, so it needs {@code redis-server}.
 */
@EnabledIf("redisServerInstalled")
class RedisReconnectTest {

    static boolean redisServerInstalled() {
        return PrivateRedis.installed();
    }

    @Test
    void theApplicationOutlivesRedisAndTheBridgeSubscribesAgainWhenItIsBack() throws Exception {
        PrivateRedis redis = PrivateRedis.start();
        int port = redis.port();
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        try (AllocationApplication application = AllocationApplication.start(new Settings(0,
                "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1", Optional.of(new Endpoint("127.0.0.1", port)), Optional.empty()))) {
            awaitBridge(port);
            redis.stop();

            assertThat(post(application, "/add_batch", "{\"ref\": \"b1\", \"sku\": \"S\", \"qty\": 10, \"eta\": null}")).isEqualTo(201);
            assertThat(post(application, "/add_batch", "{\"ref\": \"b2\", \"sku\": \"S\", \"qty\": 10, \"eta\": \"2031-01-01\"}")).isEqualTo(201);
            assertThat(post(application, "/allocate", "{\"orderid\": \"o1\", \"sku\": \"S\", \"qty\": 6}")).isEqualTo(202);

            redis.startAgain();
            awaitBridge(port);
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.publish(RedisEventBridge.CHANGE_BATCH_QUANTITY, "{\"batchref\": \"b1\", \"qty\": 1}");
            }
            assertThat(awaitAllocations(application, "o1")).contains("\"batchref\":\"b2\"");
        } finally {
            redis.close();
        }
    }

    private static void awaitBridge(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                if (jedis.pubsubNumSub(RedisEventBridge.CHANGE_BATCH_QUANTITY)
                        .getOrDefault(RedisEventBridge.CHANGE_BATCH_QUANTITY, 0L) > 0) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // Redis still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bridge did not subscribe within 20 s");
    }

    private static String awaitAllocations(AllocationApplication application, String orderId) throws Exception {
        String body = "";
        for (int attempt = 0; attempt < 100; attempt++) {
            body = get(application, "/allocations/" + orderId);
            if (body.contains("\"batchref\":\"b2\"")) {
                return body;
            }
            Thread.sleep(100);
        }
        return body;
    }

    private static int post(AllocationApplication application, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String get(AllocationApplication application, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                .GET().timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
