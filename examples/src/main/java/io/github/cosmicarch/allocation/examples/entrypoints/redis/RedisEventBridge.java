package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import io.github.cosmicarch.allocation.service.bus.MessageBus;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens on the Redis channel {@code change_batch_quantity} and hands each message to
 * {@link ChangeBatchQuantityMessages}, which turns it into a command on the bus.
 *
 * <p>It never dies on input: a message that is not JSON, lacks a field or names an unknown batch is
 * logged and skipped. When Redis goes away it keeps trying to reconnect, waiting a little longer
 * each time up to a few seconds, and subscribes again when Redis is back.
 */
public final class RedisEventBridge implements AutoCloseable {

    /** The channel commands arrive on. */
    public static final String CHANGE_BATCH_QUANTITY = "change_batch_quantity";

    private static final Logger LOG = LoggerFactory.getLogger("allocation.redis");
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final ChangeBatchQuantityMessages messages;
    private final Thread listener;
    private final Subscription subscription = new Subscription();
    private volatile boolean running = true;
    private volatile boolean subscribed;

    private RedisEventBridge(String host, int port, MessageBus bus) {
        this.host = host;
        this.port = port;
        this.messages = new ChangeBatchQuantityMessages(bus);
        this.listener = new Thread(this::listen, "redis-bridge");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Starts listening in a thread of its own.
     *
     * @param host the Redis host
     * @param port the Redis port
     * @param bus  where commands go
     * @return the running bridge; close it to stop
     */
    public static RedisEventBridge start(String host, int port, MessageBus bus) {
        return new RedisEventBridge(host, port, bus);
    }

    /**
     * Whether the bridge is subscribed right now.
     *
     * @return {@code true} while subscribed to Redis
     */
    public boolean isSubscribed() {
        return subscribed;
    }

    /** Unsubscribes and stops the listening thread. */
    @Override
    public void close() {
        running = false;
        if (subscription.isSubscribed()) {
            subscription.unsubscribe();
        }
        listener.interrupt();
        try {
            listener.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        Duration wait = FIRST_RETRY;
        while (running) {
            try (Jedis redis = new Jedis(host, port)) {
                redis.subscribe(subscription, CHANGE_BATCH_QUANTITY);
                wait = FIRST_RETRY;
            } catch (RuntimeException lost) {
                subscribed = false;
                if (!running) {
                    return;
                }
                LOG.warn("Redis at {}:{} is unavailable ({}); retrying in {} ms", host, port, lost.getMessage(), wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private final class Subscription extends JedisPubSub {

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            subscribed = true;
            LOG.info("Subscribed to Redis channel {} at {}:{}", channel, host, port);
        }

        @Override
        public void onUnsubscribe(String channel, int subscribedChannels) {
            subscribed = false;
        }

        @Override
        public void onMessage(String channel, String message) {
            messages.handle(message);
        }
    }
}
