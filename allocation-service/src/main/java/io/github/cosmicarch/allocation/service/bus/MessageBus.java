package io.github.cosmicarch.allocation.service.bus;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.outbox.CallerTransaction;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Dispatches commands to their handlers, and sees the events they lead to through to theirs.
 *
 * <p>{@link #handle(Command)} runs the command's one handler in a unit of work of its own. Its
 * commit stores the events it recorded in the outbox, in the same transaction. Then the same
 * thread runs every {@linkplain EventHandler unit-of-work handler} of those events, and of the
 * events they lead to, first in, first out, each in a unit of work whose commit also marks the
 * handler done; {@linkplain EffectHandler effects} (a broker, mail) go to the
 * {@link #dispatcher()}'s threads, so the answer never waits for them (in memory, where nothing
 * is durable, the same thread runs them before it answers). What is not done at once the
 * dispatcher finds in the outbox and does later: every stored event is handled at least once by
 * every handler registered for it.
 *
 * <p>Called in a {@linkplain UnitOfWorkFactory#callerTransaction() caller's transaction}, the bus
 * works in it: the command and its unit-of-work handlers are written in it, once, with no retry
 * and no grouping, any failure propagates for the caller to roll back, and effects are dispatched
 * only after the caller commits.
 *
 * <ul>
 *   <li>A command's failure is logged and propagates to the caller; its events are not stored.</li>
 *   <li>An event handler's failure is logged and recorded, and the dispatcher tries it again with
 *       backoff; after the last attempt it is parked for an operator.</li>
 *   <li>A {@link ConcurrencyConflict} is retried in a new unit of work, as the
 *       {@link RetryPolicy} allows, before it counts as a failure. Retries after a conflict on
 *       the same product take turns in this bus, one attempt at a time: in one process only first
 *       attempts compete with them; across processes, the policy's backoff spreads them.</li>
 * </ul>
 *
 * <p>The bus holds no state of a call: one bus serves any number of threads at once.
 */
public final class MessageBus {

    private final UnitOfWorkFactory unitsOfWork;
    private final CommandRunner commands;
    private final CommandGroups groups;
    private final EventDispatcher dispatcher;
    private final BusObserver observer;

    private MessageBus(Builder builder) {
        this.unitsOfWork = builder.unitsOfWork;
        Attempts attempts = new Attempts(builder.unitsOfWork, builder.retryPolicy, builder.observer, builder.log);
        this.dispatcher = new EventDispatcher(builder.unitsOfWork, attempts, builder.subscriptions,
                builder.dispatcherSettings, builder.observer, builder.log, builder.clock);
        this.commands = new CommandRunner(builder.commandHandlers, attempts, builder.observer, builder.log, dispatcher);
        this.groups = new CommandGroups(builder.groupKeys, builder.groupsAtOnce);
        this.observer = builder.observer;
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
     * Handles a command, then the unit-of-work handlers of every event it leads to; hands the
     * effects to the dispatcher.
     *
     * @param command the command
     * @param <R>     what the command answers
     * @return the answer of the command's handler
     * @throws RuntimeException whatever the command's handler threw, after it was logged; a
     *                          {@link ConcurrencyConflict} only once the retries are spent
     */
    public <R> R handle(Command<R> command) {
        requireNonNull(command, "command");
        Optional<CallerTransaction> transaction = unitsOfWork.callerTransaction();
        if (transaction.isPresent()) {
            observer.commandStarted(command);
            return commands.inCallersTransaction(command, transaction.get());
        }
        Optional<String> key = groups.keyOf(command);
        if (key.isPresent()) {
            return commands.grouped(groups, key.get(), command);
        }
        observer.commandStarted(command);
        Deque<RecordedEvent> stored = new ArrayDeque<>();
        R result = commands.handleAlone(command, System.nanoTime(), stored);
        dispatcher.afterCommit(stored);
        return result;
    }

    /**
     * The dispatcher that runs effects and whatever was left undone; the application starts it
     * and stops it.
     *
     * @return this bus's dispatcher
     */
    public EventDispatcher dispatcher() {
        return dispatcher;
    }

    /** Assembles a {@link MessageBus}; refuses a command type with no handler or with two. */
    public static final class Builder {

        /** The longest name a handler may have, as the outbox stores it. */
        public static final int MAX_NAME_LENGTH = 100;

        private final UnitOfWorkFactory unitsOfWork;
        private final Map<Class<?>, CommandHandler<?, ?>> commandHandlers = new HashMap<>();
        private final Map<Class<?>, List<Subscription>> subscriptions = new LinkedHashMap<>();
        private final Set<String> names = new HashSet<>();
        private final Map<Class<?>, Function<Command<?>, String>> groupKeys = new HashMap<>();
        private int groupsAtOnce = Integer.MAX_VALUE;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private DispatcherSettings dispatcherSettings = DispatcherSettings.defaults();
        private BusObserver observer = BusObserver.NONE;
        private Logger log = System.getLogger(MessageBus.class.getName());
        private Clock clock = Clock.systemUTC();

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
         * Applies the commands of a type that wait for the same key together: while one is being
         * handled, those that arrive with its key queue, and the oldest of them then applies all
         * that queued (up to 64) in one unit of work and one commit, in the order they arrived,
         * each with its own answer and events. A conflict retries the group, and a failing database
         * fails it; when a command fails otherwise or its handler returns without committing, each
         * command of the group is handled alone.
         * The outcome is that of handling them one at a time in that order. The type's handler
         * must commit once its changes are made, and not depend on that commit having happened.
         *
         * @param type the command type
         * @param key  the key of a command, such as its sku; a command whose key is {@code null}
         *             is handled alone
         * @param <C>  the command type
         * @return this builder
         * @throws IllegalArgumentException when the type is already grouped
         */
        @SuppressWarnings("unchecked") // the bus applies it only to commands of its type
        public <C extends Command<?>> Builder groupBy(Class<C> type, Function<? super C, String> key) {
            requireNonNull(type, "type");
            requireNonNull(key, "key");
            if (groupKeys.putIfAbsent(type, command -> key.apply((C) command)) != null) {
                throw new IllegalArgumentException(type.getSimpleName() + " is already grouped: a command type has one key");
            }
            return this;
        }

        /**
         * Limits how many groups of {@linkplain #groupBy grouped} commands are applied at once.
         * While that many are, a grouped command waits even when no group holds its key, and the
         * next group takes every waiting command whose key is free, whatever the key: commands of
         * different products then share one unit of work and one commit. A conflict in such a
         * group sends each of its commands back alone, with its own retries. A lone command is
         * never held: with fewer groups at work it is applied at once.
         *
         * <p>Unlimited unless set: every key then has its own groups. A limit suits a database
         * close by, where a commit costs more than a statement: on a distant one, a group's
         * commands wait for each other's statements.
         *
         * @param limit the most groups applied at once, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the limit is below 1
         */
        public Builder groupsAtOnce(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("groupsAtOnce must be at least 1, but was " + limit);
            }
            this.groupsAtOnce = limit;
            return this;
        }

        /**
         * Adds a handler of an event type that works in a unit of work, such as one that
         * reallocates: run by the thread that committed the event, its work and its done mark
         * committed together. Handlers of one event run in the order they were added.
         *
         * @param type    the event type
         * @param name    a name unique in this bus, kept with each event's progress: keep it
         *                across releases, or events stored before are handled again under the new
         *                name; at most {@value #MAX_NAME_LENGTH} characters
         * @param handler the handler
         * @param <E>     the event type
         * @return this builder
         * @throws IllegalArgumentException when the name is blank, too long or taken
         */
        @SuppressWarnings("unchecked") // the bus calls it only with events of its type
        public <E extends DomainEvent> Builder event(Class<E> type, String name, EventHandler<E> handler) {
            requireNonNull(handler, "handler");
            return subscribe(type, new Subscription.InUnitOfWork(checkedName(name), (EventHandler<DomainEvent>) handler));
        }

        /**
         * Adds a handler of an event type whose effect is outside the database, such as publishing
         * to a broker or sending mail: run at least once by the dispatcher's threads, never by the
         * thread that handled the command.
         *
         * @param type    the event type
         * @param name    a name unique in this bus, kept with each event's progress; at most
         *                {@value #MAX_NAME_LENGTH} characters
         * @param handler the handler
         * @param <E>     the event type
         * @return this builder
         * @throws IllegalArgumentException when the name is blank, too long or taken
         */
        @SuppressWarnings("unchecked") // the dispatcher calls it only with events of its type
        public <E extends DomainEvent> Builder effect(Class<E> type, String name, EffectHandler<E> handler) {
            requireNonNull(handler, "handler");
            return subscribe(type, new Subscription.Effect(checkedName(name), (EffectHandler<DomainEvent>) handler));
        }

        private Builder subscribe(Class<? extends DomainEvent> type, Subscription subscription) {
            requireNonNull(type, "type");
            subscriptions.computeIfAbsent(type, key -> new ArrayList<>()).add(subscription);
            return this;
        }

        private String checkedName(String name) {
            if (!names.add(Subscription.checkedName(name, MAX_NAME_LENGTH))) {
                throw new IllegalArgumentException("Two handlers are named " + name + ": names must be unique");
            }
            return name;
        }

        /**
         * Sets how the dispatcher works; {@link DispatcherSettings#defaults()} unless set.
         *
         * @param dispatcherSettings the settings
         * @return this builder
         */
        public Builder dispatcherSettings(DispatcherSettings dispatcherSettings) {
            this.dispatcherSettings = requireNonNull(dispatcherSettings, "dispatcherSettings");
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
         * Sets who hears of commands, conflicts and parked handlers; nobody unless set.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder observer(BusObserver observer) {
            this.observer = requireNonNull(observer, "observer");
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
         * Sets the clock the dispatcher reads to find what is due and to schedule retries; the
         * system's clock unless set.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
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
                    .filter(type -> !commandHandlers.containsKey(type)).map(Class::getSimpleName).sorted().toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("No handler for command " + String.join(", ", missing)
                        + ": every command has exactly one");
            }
            return new MessageBus(this);
        }
    }
}
