package io.github.cosmicarch.allocation.examples.application;

import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.examples.adapters.email.SmtpNotifications;
import io.github.cosmicarch.allocation.examples.entrypoints.http.HttpApi;
import io.github.cosmicarch.allocation.examples.entrypoints.redis.ChangeBatchQuantityMessages;
import io.github.cosmicarch.allocation.examples.entrypoints.redis.RedisEventBridge;
import io.github.cosmicarch.allocation.examples.adapters.redis.RedisEventPublisher;
import io.github.cosmicarch.allocation.examples.entrypoints.redis.RedisStreamBridge;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The allocation service as an application: the JPA adapter on the configured database, the HTTP
 * API, and, when configured, the Redis event bridge and SMTP notifications. This class is the
 * composition root; everything is wired here through the library's {@link Bootstrap}.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java}; see {@link Settings} for
 * the environment variables. Ctrl-C stops it cleanly.
 */
public final class AllocationApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("allocation");

    /** Conflicts on a busy product are retried generously, so that clients see them rarely. */
    private static final RetryPolicy RETRIES = new RetryPolicy(20, Duration.ofMillis(1), Duration.ofMillis(100));
    private static final int HTTP_THREADS = 16;

    private final JpaDatabase database;
    private final MessageBus bus;
    private final HttpApi http;
    private final Optional<RedisClient> redis;
    private final Optional<RedisEventBridge> bridge;
    private final Optional<RedisStreamBridge> stream;

    private AllocationApplication(JpaDatabase database, MessageBus bus, HttpApi http, Optional<RedisClient> redis,
                                  Optional<RedisEventBridge> bridge, Optional<RedisStreamBridge> stream) {
        this.database = database;
        this.bus = bus;
        this.http = http;
        this.redis = redis;
        this.bridge = bridge;
        this.stream = stream;
    }

    /**
     * Starts the application and logs where it listens and what it uses.
     *
     * @param settings what to start with
     * @return the running application; close it to stop
     */
    public static AllocationApplication start(Settings settings) {
        JpaDatabase database = JpaDatabase.connect(settings.database());
        try {
            Bootstrap bootstrap = database.bootstrap().retryPolicy(RETRIES);
            settings.email().ifPresent(smtp -> bootstrap.notifications(new SmtpNotifications(smtp.host(), smtp.port())));
            Optional<RedisClient> redis = settings.redis().map(endpoint -> RedisClient.create(endpoint.host(), endpoint.port()));
            redis.ifPresent(client -> bootstrap.publisher(new RedisEventPublisher(client)));
            MessageBus bus = bootstrap.build();
            bus.dispatcher().start();
            HttpApi http = HttpApi.start(bus, database.allocationsView(), settings.port(), HTTP_THREADS);
            Optional<RedisEventBridge> bridge = settings.redis()
                    .map(endpoint -> RedisEventBridge.start(endpoint.host(), endpoint.port(), bus));
            Optional<RedisStreamBridge> stream = settings.redis().map(endpoint ->
                    RedisStreamBridge.start(endpoint.host(), endpoint.port(), new ChangeBatchQuantityMessages(bus)));
            LOG.info("Allocation service listening on http://localhost:{}; database {}; Redis {}; e-mail {}",
                    http.port(), database, settings.redis().map(Object::toString).orElse("off"),
                    settings.email().map(smtp -> "SMTP " + smtp).orElse("to the log"));
            return new AllocationApplication(database, bus, http, redis, bridge, stream);
        } catch (RuntimeException failure) {
            database.close();
            throw failure;
        }
    }

    /**
     * Starts the application from the environment and runs it until the JVM is asked to stop.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = Settings.from(System.getenv());
        } catch (IllegalArgumentException invalid) {
            System.err.println("Invalid setting: " + invalid.getMessage());
            System.exit(2);
            return;
        }
        AllocationApplication application;
        try {
            application = start(settings);
        } catch (RuntimeException failure) {
            LOG.error("Could not start: {}", failure.getMessage(), failure);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping");
            application.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    /**
     * The port the HTTP API listens on.
     *
     * @return the bound port
     */
    public int port() {
        return http.port();
    }

    /**
     * Stops the Redis bridges, the HTTP API, the event dispatcher, the Redis client and the
     * database, in that order; what the dispatcher had not done stays in the outbox for the next
     * start, and stream entries not acknowledged stay in the stream.
     */
    @Override
    public void close() {
        bridge.ifPresent(RedisEventBridge::close);
        stream.ifPresent(RedisStreamBridge::close);
        http.close();
        bus.dispatcher().close();
        redis.ifPresent(RedisClient::close);
        database.close();
    }
}
