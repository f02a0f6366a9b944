package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.command.Command;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Queues the commands that share a key (the sku of the product they change) while one of them is
 * being applied, so that the bus can apply the queued ones together, in one unit of work and one
 * commit. On one product every commit waits for the one before, so one commit at a time is the
 * ceiling of any design that commits each command alone; a group raises it by its size.
 *
 * <p>The first command of a key to arrive leads: it takes what is queued (itself first, at most
 * {@value #LARGEST_GROUP}), has the bus apply it, hands the lead to the oldest command that queued
 * meanwhile, and answers the rest of its group. A lone command is a group of one. A thread that is leading sends any command of its own handlers alone,
 * so that no thread ever waits for a group while applying one.
 */
final class CommandGroups {

    /** The most commands applied in one unit of work. */
    static final int LARGEST_GROUP = 64;

    private final Map<Class<?>, Function<Command<?>, String>> keys;
    private final Map<String, ArrayDeque<Queued>> queues = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> leading = ThreadLocal.withInitial(() -> false);

    CommandGroups(Map<Class<?>, Function<Command<?>, String>> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** What the bus does with a group: applies it, answers or fails each command, and says what is left to do after. */
    @FunctionalInterface
    interface Applying {
        Runnable apply(List<Queued> group);
    }

    /**
     * The key the command is grouped by, or empty when its type is not grouped or this thread is
     * applying a group.
     */
    Optional<String> keyOf(Command<?> command) {
        Function<Command<?>, String> key = keys.get(command.getClass());
        return key == null || leading.get() ? Optional.empty() : Optional.ofNullable(key.apply(command));
    }

    /**
     * Queues the command behind the others of its key and waits until it has been applied, leading
     * a group when its turn comes.
     *
     * @param whenQueued told once the command is in its queue
     */
    Object handle(String key, Command<?> command, Runnable whenQueued, Applying applying) {
        Queued mine = new Queued(command);
        boolean[] leads = {false};
        queues.compute(key, (ignored, queue) -> {
            if (queue == null) {
                queue = new ArrayDeque<>();
                leads[0] = true;
            }
            queue.add(mine);
            return queue;
        });
        whenQueued.run();
        if (leads[0] || mine.awaitTurn()) {
            lead(key, applying);
        }
        return mine.outcome();
    }

    private void lead(String key, Applying applying) {
        List<Queued> group = new ArrayList<>();
        queues.computeIfPresent(key, (ignored, queue) -> {
            while (!queue.isEmpty() && group.size() < LARGEST_GROUP) {
                group.add(queue.poll());
            }
            return queue;
        });
        Runnable afterwards = () -> {};
        leading.set(true);
        try {
            afterwards = applying.apply(group);
        } finally {
            leading.set(false);
            handOver(key);
            try {
                afterwards.run();
            } finally {
                group.forEach(Queued::settle);
            }
        }
    }

    /** Gives the lead to the oldest command queued since the group was taken, or forgets the key. */
    private void handOver(String key) {
        Queued[] next = {null};
        queues.computeIfPresent(key, (ignored, queue) -> {
            next[0] = queue.peek();
            return queue.isEmpty() ? null : queue;
        });
        if (next[0] != null) {
            next[0].turn.complete(true);
        }
    }

    /** A command in its queue, and how it ended once applied. */
    static final class Queued {

        private final Command<?> command;
        private final long queuedAt = System.nanoTime();
        /** Completed with {@code true} when the command is to lead, {@code false} once it is settled. */
        private final CompletableFuture<Boolean> turn = new CompletableFuture<>();
        private Object answer;
        private RuntimeException failure;
        private boolean ended;

        private Queued(Command<?> command) {
            this.command = command;
        }

        Command<?> command() {
            return command;
        }

        long queuedAt() {
            return queuedAt;
        }

        void answer(Object answer) {
            this.answer = answer;
            this.ended = true;
        }

        void fail(RuntimeException failure) {
            this.failure = failure;
            this.ended = true;
        }

        private void settle() {
            if (!ended) {
                fail(new IllegalStateException("The thread applying " + command + " with others stopped before it ended"));
            }
            turn.complete(false);
        }

        private boolean awaitTurn() {
            return turn.join();
        }

        private Object outcome() {
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    /** Thrown when a command of a group cannot be applied with the others: the group's commands are then applied one by one. */
    static final class NotTogether extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotTogether() {
            super("A command of the group failed or did not commit", null, false, false);
        }
    }
}
