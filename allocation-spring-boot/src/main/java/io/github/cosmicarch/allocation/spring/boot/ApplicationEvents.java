package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The library's events as Spring application events: an effect handler of each event type, named
 * {@value #HANDLER} and the type's simple name, that publishes the event after the commit that stored it, at least once. It
 * publishes in a transaction of its own, when the application has a transaction manager, so that
 * {@code @TransactionalEventListener}s hear it once that transaction commits; an
 * {@code @EventListener} that throws rolls it back and has the event published again.
 */
final class ApplicationEvents implements MessageBusCustomizer {

    /** How the names of its handlers begin, kept with each event's progress. */
    static final String HANDLER = "spring_application_events";

    private final ApplicationEventPublisher publisher;
    private final Optional<TransactionTemplate> transactions;

    ApplicationEvents(ApplicationEventPublisher publisher, Optional<TransactionTemplate> transactions) {
        this.publisher = publisher;
        this.transactions = transactions;
    }

    @Override
    public void customize(MessageBus.Builder bus) {
        for (Class<?> type : DomainEvent.class.getPermittedSubclasses()) {
            register(bus, type.asSubclass(DomainEvent.class));
        }
    }

    private <E extends DomainEvent> void register(MessageBus.Builder bus, Class<E> type) {
        bus.effect(type, HANDLER + "_" + type.getSimpleName(), (event, id) -> publish(event));
    }

    private void publish(DomainEvent event) {
        if (transactions.isPresent()) {
            transactions.get().executeWithoutResult(status -> publisher.publishEvent(event));
        } else {
            publisher.publishEvent(event);
        }
    }
}
