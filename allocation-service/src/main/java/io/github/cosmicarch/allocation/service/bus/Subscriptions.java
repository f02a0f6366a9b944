package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.service.bus.Subscription.Effect;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The handlers registered for each event type, in the order they were added. */
final class Subscriptions {

    private final Map<Class<?>, List<Subscription>> byType = new HashMap<>();

    Subscriptions(Map<Class<?>, List<Subscription>> byType) {
        byType.forEach((type, handlers) -> this.byType.put(type, List.copyOf(handlers)));
    }

    /** The names of the handlers of each event type, in the order they were added. */
    Map<Class<?>, List<String>> names() {
        Map<Class<?>, List<String>> names = new HashMap<>();
        byType.forEach((type, handlers) -> names.put(type, handlers.stream().map(Subscription::name).toList()));
        return names;
    }

    List<Subscription> of(DomainEvent event) {
        return byType.getOrDefault(event.getClass(), List.of());
    }

    /** The names of the effects of an event type. */
    Set<String> effectsOf(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        byType.getOrDefault(type, List.of()).stream().filter(Effect.class::isInstance)
                .forEach(effect -> names.add(effect.name()));
        return names;
    }

    /** The effect of that name, of whichever event type. */
    Optional<Effect> effect(String name) {
        return byType.values().stream().flatMap(List::stream)
                .filter(subscription -> subscription instanceof Effect && subscription.name().equals(name))
                .map(Effect.class::cast).findFirst();
    }

    /** Whether the event has an effect, or no handler at all: either way the effects' side must see it through. */
    boolean hasEffectsOrNone(DomainEvent event) {
        List<Subscription> all = of(event);
        return all.isEmpty() || all.stream().anyMatch(Effect.class::isInstance);
    }

    /** Whether an effect of the event is not done yet, or no handler wants it. */
    boolean effectsLeft(PendingEvent pending) {
        List<Subscription> all = of(pending.recorded().event());
        return all.isEmpty() || all.stream().anyMatch(subscription -> subscription instanceof Effect
                && !pending.isDone(subscription.name()));
    }

    /** Whether every handler of the event is done, by the progress given. */
    boolean allDone(DomainEvent event, Map<String, HandlerProgress> progress) {
        return of(event).stream().allMatch(subscription -> {
            HandlerProgress handler = progress.get(subscription.name());
            return handler != null && handler.status() == HandlerProgress.Status.DONE;
        });
    }
}
