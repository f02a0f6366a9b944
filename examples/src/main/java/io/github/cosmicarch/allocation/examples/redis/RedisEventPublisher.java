package io.github.cosmicarch.allocation.examples.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cosmicarch.allocation.domain.event.Allocated;
import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * Publishes every {@link Allocated} on the Redis channel {@code line_allocated} as
 * {@code {"orderid", "sku", "qty", "batchref"}}, as the book's service does. Other events are not
 * published. When Redis is away, publishing fails and the bus logs it; nothing else stops.
 */
public final class RedisEventPublisher implements EventPublisher {

    /** The channel allocations are published on. */
    public static final String LINE_ALLOCATED = "line_allocated";

    private final RedisClient redis;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Creates the publisher.
     *
     * @param redis a Redis client, safe for concurrent use
     */
    public RedisEventPublisher(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public void publish(DomainEvent event) {
        if (event instanceof Allocated allocated) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("orderid", allocated.orderId());
            message.put("sku", allocated.sku());
            message.put("qty", allocated.quantity());
            message.put("batchref", allocated.batchReference());
            try {
                redis.publish(LINE_ALLOCATED, json.writeValueAsString(message));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Could not write " + event + " as JSON", e);
            }
        }
    }
}
