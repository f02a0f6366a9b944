package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.time.Duration;
import java.util.List;

/** Every {@link BusObserver} bean of the context, told in their order. */
record BusObservers(List<BusObserver> observers) implements BusObserver {

    BusObservers {
        observers = List.copyOf(observers);
    }

    @Override
    public void commandStarted(Command<?> command) {
        observers.forEach(observer -> observer.commandStarted(command));
    }

    @Override
    public void commandFinished(Command<?> command, Duration took) {
        observers.forEach(observer -> observer.commandFinished(command, took));
    }

    @Override
    public void commandsGrouped(List<Command<?>> commands) {
        observers.forEach(observer -> observer.commandsGrouped(commands));
    }

    @Override
    public void commandFailed(Command<?> command, RuntimeException failure, Duration took) {
        observers.forEach(observer -> observer.commandFailed(command, failure, took));
    }

    @Override
    public void conflicted(Object message, int attempt, ConcurrencyConflict conflict, boolean willRetry) {
        observers.forEach(observer -> observer.conflicted(message, attempt, conflict, willRetry));
    }

    @Override
    public void parked(RecordedEvent event, String handler, HandlerProgress progress) {
        observers.forEach(observer -> observer.parked(event, handler, progress));
    }
}
