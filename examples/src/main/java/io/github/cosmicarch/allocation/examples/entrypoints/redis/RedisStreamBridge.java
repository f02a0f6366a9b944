package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads {@code change_batch_quantity} messages from the Redis stream of that name, in the consumer
 * group {@value #GROUP}, beside the book's pub/sub channel: a message added while no instance runs
 * waits in the stream and is applied when one starts. Each entry holds the channel's JSON in its
 * field {@value #FIELD}, for instance
 * {@code XADD change_batch_quantity * message '{"batchref": "batch-1", "qty": 2}'}.
 *
 * <p>An entry is acknowledged once its command committed, or once it is skipped as malformed or
 * refused; one that failed for want of the database stays pending and is claimed again after
 * {@value #RETRY_AFTER_MS} ms, by this instance or another. The group starts at the stream's first
 * entry, so messages sent before the service ever ran are applied too.
 */
public final class RedisStreamBridge implements AutoCloseable {

    /** The stream commands arrive on. */
    public static final String STREAM = "change_batch_quantity";
    /** The consumer group every instance reads in. */
    public static final String GROUP = "allocation";
    /** The field of an entry that holds the message. */
    public static final String FIELD = "message";
    /** How long an entry stays pending after a failure before it is claimed again. */
    public static final long RETRY_AFTER_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger("allocation.redis");
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final String consumer;
    private final ChangeBatchQuantityMessages messages;
    private final Thread reader;
    private volatile boolean running = true;

    private RedisStreamBridge(String host, int port, ChangeBatchQuantityMessages messages) {
        this.host = host;
        this.port = port;
        this.consumer = "allocation-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this);
        this.messages = messages;
        this.reader = new Thread(this::read, "redis-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts reading in a thread of its own.
     *
     * @param host     the Redis host
     * @param port     the Redis port
     * @param messages what turns messages into commands
     * @return the running bridge; close it to stop
     */
    public static RedisStreamBridge start(String host, int port, ChangeBatchQuantityMessages messages) {
        return new RedisStreamBridge(host, port, messages);
    }

    /** Stops reading; an entry being applied is acknowledged first. */
    @Override
    public void close() {
        running = false;
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        Duration wait = FIRST_RETRY;
        while (running) {
            try (Jedis redis = new Jedis(host, port)) {
                joinGroup(redis);
                wait = FIRST_RETRY;
                while (running) {
                    apply(redis, redis.xautoclaim(STREAM, GROUP, consumer, RETRY_AFTER_MS, new StreamEntryID(),
                            XAutoClaimParams.xAutoClaimParams().count(50)).getValue());
                    List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(GROUP, consumer,
                            XReadGroupParams.xReadGroupParams().count(50).block(1000),
                            Map.of(STREAM, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                    if (read != null) {
                        read.forEach(stream -> apply(redis, stream.getValue()));
                    }
                }
            } catch (RuntimeException lost) {
                if (!running) {
                    return;
                }
                LOG.warn("Redis stream at {}:{} is unavailable ({}); retrying in {} ms", host, port, lost.getMessage(),
                        wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private static void joinGroup(Jedis redis) {
        try {
            redis.xgroupCreate(STREAM, GROUP, new StreamEntryID(), true);
        } catch (JedisDataException exists) {
            if (!String.valueOf(exists.getMessage()).startsWith("BUSYGROUP")) {
                throw exists;
            }
        }
    }

    private void apply(Jedis redis, List<StreamEntry> entries) {
        for (StreamEntry entry : entries) {
            if (messages.apply(entry.getFields().get(FIELD)) != ChangeBatchQuantityMessages.Outcome.FAILED) {
                redis.xack(STREAM, GROUP, entry.getID());
            }
        }
    }
}
