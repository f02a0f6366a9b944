package io.github.cosmicarch.allocation.service.bus;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.command.Command;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Dispatches commands and events to their handlers.
 *
 * <p>{@link #handle(Command)} runs the command's one handler, then every event that leads to, in
 * the order they were recorded (first in, first out), including the events recorded by the
 * handlers of those events. Each handler runs in a unit of work of its own, started by the bus and
 * closed after it; the events that unit of work collects are queued after the handler returns.
 *
 * <ul>
 *   <li>A command's failure is logged and propagates to the caller; its events are dropped.</li>
 *   <li>An event handler's failure is logged with the event; the other handlers still run.</li>
 *   <li>A {@link ConcurrencyConflict} is retried in a new unit of work, as the
 *       {@link RetryPolicy} allows, before it counts as a failure. Retries after a conflict on
 *       the same product take turns in this bus, one attempt at a time: in one process they no
 *       longer beat one another to that product, only first attempts compete with them (across
 *       processes, the policy's backoff alone spreads them).</li>
 * </ul>
 *
 * <p>The queue belongs to one call, and the bus holds no other state that changes but the locks
 * its retries take turns with: one bus serves any number of threads at once.
 */
public final class MessageBus {

    /** Retries on products whose skus share a lane take turns; more lanes, fewer unrelated waits. */
    private static final int RETRY_LANES = 64;

    private final UnitOfWorkFactory unitsOfWork;
    private final Map<Class<?>, CommandHandler<?, ?>> commandHandlers;
    private final Map<Class<?>, List<EventHandler<?>>> eventHandlers;
    private final RetryPolicy retryPolicy;
    private final ConflictObserver conflictObserver;
    private final Logger log;
    private final ReentrantLock[] retryLanes = new ReentrantLock[RETRY_LANES];

    private MessageBus(Builder builder) {
        this.unitsOfWork = builder.unitsOfWork;
        this.commandHandlers = Map.copyOf(builder.commandHandlers);
        Map<Class<?>, List<EventHandler<?>>> events = new HashMap<>();
        builder.eventHandlers.forEach((type, handlers) -> events.put(type, List.copyOf(handlers)));
        this.eventHandlers = Map.copyOf(events);
        this.retryPolicy = builder.retryPolicy;
        this.conflictObserver = builder.conflictObserver;
        this.log = builder.log;
        Arrays.setAll(retryLanes, lane -> new ReentrantLock(true));
    }

    /**
     * Starts assembling a bus whose handlers work in units of work from the given factory.
     *
     * @param unitsOfWork where each handler's unit of work comes from
     * @return a builder
     */
    public static Builder builder(UnitOfWorkFactory unitsOfWork) {
        return new Builder(unitsOfWork);
    }

    /**
     * Handles a command, then every event it leads to.
     *
     * @param command the command
     * @param <R>     what the command answers
     * @return the answer of the command's handler
     * @throws RuntimeException whatever the command's handler threw, after it was logged; a
     *                          {@link ConcurrencyConflict} only once the retries are spent
     */
    public <R> R handle(Command<R> command) {
        requireNonNull(command, "command");
        CommandHandler<Command<R>, R> handler = handlerOf(command);
        Deque<DomainEvent> queue = new ArrayDeque<>();
        R result;
        try {
            result = inUnitsOfWork(command, uow -> handler.handle(command, uow), queue);
        } catch (RuntimeException failure) {
            logFailure(command, failure);
            throw failure;
        }
        handleAll(queue);
        return result;
    }

    /**
     * Handles an event that happened elsewhere, then every event it leads to. Failures of its
     * handlers are logged, never thrown.
     *
     * @param event the event
     */
    public void handle(DomainEvent event) {
        requireNonNull(event, "event");
        Deque<DomainEvent> queue = new ArrayDeque<>();
        queue.add(event);
        handleAll(queue);
    }

    private void handleAll(Deque<DomainEvent> queue) {
        while (!queue.isEmpty()) {
            DomainEvent event = queue.poll();
            for (EventHandler<DomainEvent> handler : handlersOf(event)) {
                try {
                    inUnitsOfWork(event, uow -> {
                        handler.handle(event, uow);
                        return null;
                    }, queue);
                } catch (RuntimeException failure) {
                    log.log(Level.ERROR, () -> "A handler of " + event + " failed; the event's other handlers still run",
                            failure);
                }
            }
        }
    }

    /**
     * Runs the work in a new unit of work, again in another while it meets conflicts and the policy
     * allows. After a conflict it pauses as the policy says, then waits for its turn in the lane of
     * the product it conflicted on and holds the lane for one attempt: retries on one product run
     * one at a time, in the order they queued, and compete only with first attempts. No lane is
     * held while pausing, nor after the work is done.
     */
    private <R> R inUnitsOfWork(Object message, Function<UnitOfWork, R> work, Deque<DomainEvent> queue) {
        ReentrantLock lane = null;
        try {
            for (int attempt = 1; ; attempt++) {
                try (UnitOfWork uow = unitsOfWork.start()) {
                    R result = work.apply(uow);
                    queue.addAll(uow.collectNewEvents());
                    return result;
                } catch (ConcurrencyConflict conflict) {
                    boolean willRetry = attempt < retryPolicy.maxAttempts();
                    conflictObserver.conflicted(message, attempt, conflict, willRetry);
                    if (!willRetry) {
                        throw conflict;
                    }
                    int failedAttempt = attempt;
                    log.log(Level.DEBUG, () -> "Attempt " + failedAttempt + " at " + message + " met a conflict; retrying");
                    if (lane != null) {
                        lane.unlock();
                        lane = null;
                    }
                    pause(retryPolicy.backoffBefore(attempt, ThreadLocalRandom.current()), conflict);
                    lane = enter(retryLanes[Math.floorMod(Objects.hashCode(conflict.sku()), RETRY_LANES)], conflict);
                }
            }
        } finally {
            if (lane != null) {
                lane.unlock();
            }
        }
    }

    /**
     * Waits for the lane and takes it; takes none when this thread already holds one, as a handler
     * that calls the bus from a retry does, so that no thread ever waits for a lane while holding
     * another.
     */
    private ReentrantLock enter(ReentrantLock lane, ConcurrencyConflict conflict) {
        if (Arrays.stream(retryLanes).anyMatch(ReentrantLock::isHeldByCurrentThread)) {
            return null;
        }
        try {
            lane.lockInterruptibly();
            return lane;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            conflict.addSuppressed(interrupted);
            throw conflict;
        }
    }

    private static void pause(Duration backoff, ConcurrencyConflict conflict) {
        try {
            TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            conflict.addSuppressed(interrupted);
            throw conflict;
        }
    }

    private void logFailure(Command<?> command, RuntimeException failure) {
        if (failure instanceof AllocationException || failure instanceof IllegalArgumentException) {
            log.log(Level.INFO, () -> "Command " + command + " refused: " + failure.getMessage());
        } else {
            log.log(Level.WARNING, () -> "Command " + command + " failed", failure);
        }
    }

    @SuppressWarnings("unchecked") // the builder pairs each command type with a handler of that type
    private <R> CommandHandler<Command<R>, R> handlerOf(Command<R> command) {
        return (CommandHandler<Command<R>, R>) commandHandlers.get(command.getClass());
    }

    @SuppressWarnings("unchecked") // the builder pairs each event type with handlers of that type
    private List<EventHandler<DomainEvent>> handlersOf(DomainEvent event) {
        List<?> handlers = eventHandlers.getOrDefault(event.getClass(), List.of());
        return (List<EventHandler<DomainEvent>>) handlers;
    }

    /** Assembles a {@link MessageBus}; refuses a command type with no handler or with two. */
    public static final class Builder {

        private final UnitOfWorkFactory unitsOfWork;
        private final Map<Class<?>, CommandHandler<?, ?>> commandHandlers = new HashMap<>();
        private final Map<Class<?>, List<EventHandler<?>>> eventHandlers = new LinkedHashMap<>();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private ConflictObserver conflictObserver = ConflictObserver.NONE;
        private Logger log = System.getLogger(MessageBus.class.getName());

        private Builder(UnitOfWorkFactory unitsOfWork) {
            this.unitsOfWork = requireNonNull(unitsOfWork, "unitsOfWork");
        }

        /**
         * Sets the one handler of a command type.
         *
         * @param type    the command type
         * @param handler its handler
         * @param <C>     the command type
         * @param <R>     what the command answers
         * @return this builder
         * @throws IllegalStateException when the command type already has a handler
         */
        public <C extends Command<R>, R> Builder command(Class<C> type, CommandHandler<C, R> handler) {
            requireNonNull(type, "type");
            requireNonNull(handler, "handler");
            if (commandHandlers.putIfAbsent(type, handler) != null) {
                throw new IllegalStateException(
                        "Command " + type.getSimpleName() + " already has a handler: a command has exactly one");
            }
            return this;
        }

        /**
         * Adds a handler of an event type; handlers of one event run in the order they were added.
         *
         * @param type    the event type
         * @param handler one of its handlers
         * @param <E>     the event type
         * @return this builder
         */
        public <E extends DomainEvent> Builder event(Class<E> type, EventHandler<E> handler) {
            requireNonNull(type, "type");
            requireNonNull(handler, "handler");
            eventHandlers.computeIfAbsent(type, key -> new ArrayList<>()).add(handler);
            return this;
        }

        /**
         * Sets how conflicts are retried; {@link RetryPolicy#defaults()} unless set.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Sets who is told about conflicts; nobody unless set.
         *
         * @param conflictObserver the observer
         * @return this builder
         */
        public Builder conflictObserver(ConflictObserver conflictObserver) {
            this.conflictObserver = requireNonNull(conflictObserver, "conflictObserver");
            return this;
        }

        /**
         * Sets where failures and retries are logged; the JDK's {@code System.Logger} named
         * after this class unless set.
         *
         * @param log the logger
         * @return this builder
         */
        public Builder logger(Logger log) {
            this.log = requireNonNull(log, "log");
            return this;
        }

        /**
         * Builds the bus.
         *
         * @return the bus
         * @throws IllegalStateException when a command type has no handler
         */
        public MessageBus build() {
            List<String> missing = Arrays.stream(Command.class.getPermittedSubclasses())
                    .filter(type -> !commandHandlers.containsKey(type))
                    .map(Class::getSimpleName)
                    .sorted()
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("No handler for command " + String.join(", ", missing)
                        + ": every command has exactly one");
            }
            return new MessageBus(this);
        }
    }
}
