package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.command.Command;
import java.time.Duration;
import java.util.List;

/**
 * Hears what the bus does, for metrics, health checks, logs or tests; each method does nothing
 * unless overridden. It is called on the thread doing the work, so it must be quick and must not
 * throw.
 */
public interface BusObserver {

    /** An observer that ignores everything. */
    BusObserver NONE = new BusObserver() {};

    /**
     * A command is about to be handled.
     *
     * @param command the command
     */
    default void commandStarted(Command<?> command) {}

    /**
     * A command was handled and committed, its retries included.
     *
     * @param command the command
     * @param took    how long it took, from {@link #commandStarted}
     */
    default void commandFinished(Command<?> command, Duration took) {}

    /**
     * Commands queued for the same key are about to be applied together, in one unit of work;
     * each is still {@linkplain #commandFinished finished} or {@linkplain #commandFailed failed}
     * on its own.
     *
     * @param commands the commands, in the order they are applied
     */
    default void commandsGrouped(List<Command<?>> commands) {}

    /**
     * A command failed: refused for its input, out of retries, or with storage unreachable.
     *
     * @param command the command
     * @param failure what its handler or storage threw
     * @param took    how long it took, from {@link #commandStarted}
     */
    default void commandFailed(Command<?> command, RuntimeException failure, Duration took) {}

    /**
     * An attempt at handling a message ended in a concurrency conflict.
     *
     * @param message   the command or event being handled
     * @param attempt   the attempt that failed, from 1
     * @param conflict  the conflict
     * @param willRetry {@code true} when the bus tries again, {@code false} when it gives up
     */
    default void conflicted(Object message, int attempt, ConcurrencyConflict conflict, boolean willRetry) {}

    /**
     * A handler gave up on an event after the dispatcher's last attempt; it waits for
     * {@link EventDispatcher#replay}.
     *
     * @param event    the event
     * @param handler  the handler's name
     * @param progress its progress: parked, with its attempts and last failure
     */
    default void parked(RecordedEvent event, String handler, HandlerProgress progress) {}
}
