package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bus's doings as Micrometer meters: a timer per command type and outcome
 * ({@code allocation.commands}), counters of conflicts ({@code allocation.conflicts}), of retries
 * ({@code allocation.retries}) and of handlers parked ({@code allocation.handlers.parked}). The
 * timers and the counters of conflicts and retries exist from the start, at zero, for every
 * command and event type, so that dashboards and alerts see them before the first command.
 */
public final class MicrometerBusObserver implements BusObserver {

    /** The counter of handlers parked, by event type and handler. */
    static final String PARKED = "allocation.handlers.parked";

    private static final List<String> OUTCOMES = List.of("success", "conflict", "failure");

    private final MeterRegistry registry;
    /** The timers by command type and outcome, registered once: a lookup in the registry per command costs more. */
    private final Map<Class<?>, Map<String, Timer>> timers = new HashMap<>();

    /**
     * Creates the observer.
     *
     * @param registry where the meters are registered
     */
    public MicrometerBusObserver(MeterRegistry registry) {
        this.registry = registry;
        for (Class<?> command : Command.class.getPermittedSubclasses()) {
            for (String outcome : OUTCOMES) {
                timers.computeIfAbsent(command, type -> new HashMap<>()).put(outcome, timer(command, outcome));
            }
            registerConflictCounters(command);
        }
        for (Class<?> event : DomainEvent.class.getPermittedSubclasses()) {
            registerConflictCounters(event);
        }
    }

    private void registerConflictCounters(Class<?> message) {
        registry.counter("allocation.conflicts", "message", message.getSimpleName());
        registry.counter("allocation.retries", "message", message.getSimpleName());
    }

    @Override
    public void commandFinished(Command<?> command, Duration took) {
        time(command, "success", took);
    }

    @Override
    public void commandFailed(Command<?> command, RuntimeException failure, Duration took) {
        time(command, failure instanceof ConcurrencyConflict ? "conflict" : "failure", took);
    }

    @Override
    public void conflicted(Object message, int attempt, ConcurrencyConflict conflict, boolean willRetry) {
        String type = message.getClass().getSimpleName();
        registry.counter("allocation.conflicts", "message", type).increment();
        if (willRetry) {
            registry.counter("allocation.retries", "message", type).increment();
        }
    }

    @Override
    public void parked(RecordedEvent event, String handler, HandlerProgress progress) {
        registry.counter(PARKED, "event", event.event().getClass().getSimpleName(), "handler", handler)
                .increment();
    }

    private void time(Command<?> command, String outcome, Duration took) {
        Map<String, Timer> byOutcome = timers.get(command.getClass());
        (byOutcome == null ? timer(command.getClass(), outcome) : byOutcome.get(outcome)).record(took);
    }

    private Timer timer(Class<?> command, String outcome) {
        return Timer.builder("allocation.commands")
                .description("Commands handled by the allocation message bus, retries included")
                .tag("command", command.getSimpleName())
                .tag("outcome", outcome)
                .register(registry);
    }
}
