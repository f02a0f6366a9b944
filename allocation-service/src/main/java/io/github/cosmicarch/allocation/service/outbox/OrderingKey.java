package io.github.cosmicarch.allocation.service.outbox;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;

/**
 * What a stored event keeps its order by: a handler sees the events of one product and one type
 * in the order they were stored; events with different keys do not wait for each other.
 *
 * @param sku       the product
 * @param eventType the event's type, as {@link EventEncoding} names it
 */
public record OrderingKey(String sku, String eventType) {

    /**
     * Checks that both parts are present.
     *
     * @param sku       the product
     * @param eventType the event's type
     */
    public OrderingKey {
        requireNonNull(sku, "sku");
        requireNonNull(eventType, "eventType");
    }

    /**
     * The key of an event.
     *
     * @param event the event
     * @return its product and type
     */
    public static OrderingKey of(DomainEvent event) {
        return new OrderingKey(event.sku(), event.getClass().getSimpleName());
    }
}
