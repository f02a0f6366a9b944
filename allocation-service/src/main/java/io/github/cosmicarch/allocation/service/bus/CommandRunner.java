package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.outbox.CallerTransaction;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs commands in their handlers: one alone in units of work of its own, its conflicts retried;
 * or a group queued for one key in one unit of work and one commit. Tells the observer how each
 * ended and logs failures.
 */
final class CommandRunner {

    private final Map<Class<?>, CommandHandler<?, ?>> handlers;
    private final Attempts attempts;
    private final BusObserver observer;
    private final Logger log;
    private final EventDispatcher dispatcher;

    CommandRunner(Map<Class<?>, CommandHandler<?, ?>> handlers, Attempts attempts, BusObserver observer, Logger log,
                  EventDispatcher dispatcher) {
        this.handlers = Map.copyOf(handlers);
        this.attempts = attempts;
        this.observer = observer;
        this.log = log;
        this.dispatcher = dispatcher;
    }

    /** Handles a command in units of work of its own, its retries included; the events it stored go to {@code stored}. */
    <R> R handleAlone(Command<R> command, long started, Deque<RecordedEvent> stored) {
        CommandHandler<Command<R>, R> handler = handlerOf(command);
        R result;
        try {
            result = attempts.inUnitsOfWork(command, uow -> handler.handle(command, uow), stored);
        } catch (RuntimeException failure) {
            observer.commandFailed(command, failure, Duration.ofNanos(System.nanoTime() - started));
            logFailure(command, failure);
            throw failure;
        }
        observer.commandFinished(command, Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    /**
     * Handles a command in the caller's transaction, with the unit-of-work handlers of its events:
     * once, as a conflict can only be retried with the caller's own work. Its effects are
     * dispatched once the caller has committed.
     */
    <R> R inCallersTransaction(Command<R> command, CallerTransaction transaction) {
        long started = System.nanoTime();
        CommandHandler<Command<R>, R> handler = handlerOf(command);
        try {
            Deque<RecordedEvent> stored = new ArrayDeque<>();
            R result = attempts.once(command, uow -> handler.handle(command, uow), stored);
            dispatcher.inCallersTransaction(stored, transaction);
            observer.commandFinished(command, Duration.ofNanos(System.nanoTime() - started));
            return result;
        } catch (RuntimeException failure) {
            observer.commandFailed(command, failure, Duration.ofNanos(System.nanoTime() - started));
            logFailure(command, failure);
            throw failure;
        }
    }

    /** Queues the command with the others of its key and answers it once its group was applied. */
    @SuppressWarnings("unchecked") // the group's answer for this command is its handler's
    <R> R grouped(CommandGroups groups, String key, Command<R> command) {
        observer.commandStarted(command);
        return (R) groups.handle(key, command, this::apply);
    }

    /**
     * Applies a group of commands: one command alone as the bus does; several in one unit of work.
     * A group of one key is retried together after a conflict; one of several keys is not, since
     * a conflict on one product is no reason to hold the others. When one of them fails, meets
     * such a conflict or does not commit, the unit of work is rolled back and each is handled
     * alone, in order, so that its failure is its own. Answers what is left: handling the events
     * stored.
     */
    private Runnable apply(List<CommandGroups.Queued> group) {
        Deque<RecordedEvent> stored = new ArrayDeque<>();
        if (group.size() > 1) {
            List<Command<?>> commands = group.stream().<Command<?>>map(CommandGroups.Queued::command).toList();
            boolean oneKey = group.stream().allMatch(queued -> queued.key().equals(group.get(0).key()));
            observer.commandsGrouped(commands);
            try {
                List<Object> answers = attempts.inUnitsOfWork(commands.get(0), uow -> applyTogether(commands, oneKey, uow), stored);
                for (int index = 0; index < group.size(); index++) {
                    CommandGroups.Queued queued = group.get(index);
                    observer.commandFinished(queued.command(), Duration.ofNanos(System.nanoTime() - queued.queuedAt()));
                    queued.answer(answers.get(index));
                }
                return () -> dispatcher.afterCommit(stored);
            } catch (CommandGroups.NotTogether oneByOne) {
                log.log(Level.DEBUG, () -> "A command of a group of " + group.size() + " failed or did not commit: handling each alone");
            } catch (RuntimeException failure) {
                for (CommandGroups.Queued queued : group) {
                    observer.commandFailed(queued.command(), failure, Duration.ofNanos(System.nanoTime() - queued.queuedAt()));
                    logFailure(queued.command(), failure);
                    queued.fail(failure);
                }
                return () -> {};
            }
        }
        for (CommandGroups.Queued queued : group) {
            try {
                queued.answer(handleAlone(queued.command(), queued.queuedAt(), stored));
            } catch (RuntimeException failure) {
                queued.fail(failure);
            }
        }
        return () -> dispatcher.afterCommit(stored);
    }

    /**
     * Runs each command's handler in the one unit of work, then commits it. A command that fails on
     * its own, or does not commit, throws {@link CommandGroups.NotTogether}, and so does a conflict
     * in a group of several keys; a conflict on the group's one key, or a failing database,
     * concerns the whole group, which it retries (or fails) at once rather than have each command
     * wait for the database again alone.
     */
    private List<Object> applyTogether(List<Command<?>> commands, boolean oneKey, UnitOfWork uow) {
        try {
            List<Object> answers = new ArrayList<>(commands.size());
            for (Command<?> command : commands) {
                answers.add(handleInGroup(command, uow));
            }
            uow.commit();
            return answers;
        } catch (ConcurrencyConflict conflict) {
            if (oneKey) {
                throw conflict;
            }
            throw new CommandGroups.NotTogether();
        }
    }

    /** Runs one command's handler in its group's unit of work; sends the group back when the command fails alone or does not commit. */
    private Object handleInGroup(Command<?> command, UnitOfWork uow) {
        GroupStep step = new GroupStep(uow);
        Object answer;
        try {
            answer = handleWith(command, step);
        } catch (ConcurrencyConflict | StorageFailure sharedByTheGroup) {
            throw sharedByTheGroup;
        } catch (RuntimeException failure) {
            throw new CommandGroups.NotTogether();
        }
        if (!step.committedOnly()) {
            throw new CommandGroups.NotTogether();
        }
        return answer;
    }

    private <R> R handleWith(Command<R> command, UnitOfWork uow) {
        return handlerOf(command).handle(command, uow);
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
        return (CommandHandler<Command<R>, R>) handlers.get(command.getClass());
    }
}
