package io.github.cosmicarch.allocation.examples.adapters.redis;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every {@link Allocated} on the Redis channel {@code line_allocated} as
 * {@code {"id", "orderid", "sku", "qty", "batchref"}}: the book's fields and the event's stable id,
 * the same however often the event is published, for subscribers to deduplicate on. Other events
 * are not published. It runs on the dispatcher's threads: when Redis is away, publishing fails and
 * the dispatcher publishes again later; answers to clients never wait for it.
 */
public final class RedisEventPublisher implements EventPublisher {

    /** The channel allocations are published on. */
    public static final String LINE_ALLOCATED = "line_allocated";

    private final RedisClient redis;
    private final JsonMapper json = new JsonMapper();

    /**
     * Creates the publisher.
     *
     * @param redis a Redis client, safe for concurrent use
     */
    public RedisEventPublisher(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public void publish(DomainEvent event, UUID eventId) {
        if (event instanceof Allocated allocated) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("id", eventId.toString());
            message.put("orderid", allocated.orderId());
            message.put("sku", allocated.sku());
            message.put("qty", allocated.quantity());
            message.put("batchref", allocated.batchReference());
            redis.publish(LINE_ALLOCATED, json.writeValueAsString(message));
        }
    }
}
