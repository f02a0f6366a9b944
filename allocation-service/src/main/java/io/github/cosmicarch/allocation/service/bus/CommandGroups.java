package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.command.Command;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Queues the commands that share a key (the sku of the product they change) while one of them is
 * being applied, so that the bus can apply the queued ones together, in one unit of work and one
 * commit. On one product every commit waits for the one before, so one commit at a time is the
 * ceiling of any design that commits each command alone; a group raises it by its size.
 *
 * <p>A command whose key is free leads at once: it takes what is waiting (itself included, at
 * most {@value #LARGEST_GROUP}), has the bus apply it, hands the lead to the oldest command that
 * can go next, and answers the rest of its group. A lone command is a group of one. A command
 * whose key is in a group being applied waits for that group, and goes in a later one, so that
 * each key's commands are applied in the order they arrived and never by two groups at once.
 *
 * <p>With a limit on the groups applied at once, a command of a free key also waits while that
 * many are applied; the next group then takes every waiting command whose key is free, whatever
 * the key: commands of different products that wait in the same process share one commit too.
 * A thread that is leading sends any command of its own handlers alone, so that no thread ever
 * waits for a group while applying one.
 */
final class CommandGroups {

    /** The most commands applied in one unit of work. */
    static final int LARGEST_GROUP = 64;

    private final Map<Class<?>, Function<Command<?>, String>> keys;
    private final int groupsAtOnce;
    private final ThreadLocal<Boolean> leading = ThreadLocal.withInitial(() -> false);
    /** Guards the three fields below it. */
    private final Object lock = new Object();
    /** The commands not yet taken into a group, oldest first. */
    private final ArrayDeque<Queued> waiting = new ArrayDeque<>();
    /** The keys of the groups being applied. */
    private final Set<String> busy = new HashSet<>();
    private int applying;

    /**
     * @param keys         how each grouped command type is keyed
     * @param groupsAtOnce the most groups applied at once
     */
    CommandGroups(Map<Class<?>, Function<Command<?>, String>> keys, int groupsAtOnce) {
        this.keys = Map.copyOf(keys);
        this.groupsAtOnce = groupsAtOnce;
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

    /** Queues the command behind the others of its key and waits until it has been applied, leading a group when its turn comes. */
    Object handle(String key, Command<?> command, Applying applying) {
        Queued mine = new Queued(key, command);
        List<Queued> group;
        synchronized (lock) {
            waiting.add(mine);
            group = this.applying >= groupsAtOnce ? List.of() : takeGroup();
        }
        if (group.isEmpty()) {
            group = mine.awaitTurn();
        }
        while (!group.isEmpty()) {
            lead(group, applying);
            group = group.contains(mine) ? List.of() : mine.awaitTurn();
        }
        return mine.outcome();
    }

    /**
     * Takes the waiting commands whose keys are free, oldest first, as one group, and marks their
     * keys busy. A key's later commands follow its first into the group; those of a key in
     * another group stay for a later one.
     */
    private List<Queued> takeGroup() {
        List<Queued> group = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (var queued = waiting.iterator(); queued.hasNext() && group.size() < LARGEST_GROUP; ) {
            Queued next = queued.next();
            if (taken.contains(next.key) || !busy.contains(next.key)) {
                queued.remove();
                group.add(next);
                taken.add(next.key);
                busy.add(next.key);
            }
        }
        if (!group.isEmpty()) {
            applying++;
        }
        return group;
    }

    private void lead(List<Queued> group, Applying applying) {
        Runnable afterwards = () -> {};
        leading.set(true);
        try {
            afterwards = applying.apply(group);
        } finally {
            leading.set(false);
            handOver(group);
            try {
                afterwards.run();
            } finally {
                group.forEach(Queued::settle);
            }
        }
    }

    /**
     * Frees the group's keys and starts the next groups, each led by the oldest of its commands:
     * as many as can go, so that no command whose key is free waits while fewer groups than the
     * limit are applied (a group of 64 may leave others behind). A command that finds its key free
     * and room for a group therefore leads a group of its own, itself first.
     */
    private void handOver(List<Queued> done) {
        List<List<Queued>> next = new ArrayList<>();
        synchronized (lock) {
            done.forEach(queued -> busy.remove(queued.key));
            applying--;
            while (applying < groupsAtOnce) {
                List<Queued> group = takeGroup();
                if (group.isEmpty()) {
                    break;
                }
                next.add(group);
            }
        }
        next.forEach(group -> group.get(0).turn.complete(group));
    }

    /** A command in its queue, and how it ended once applied. */
    static final class Queued {

        private final String key;
        private final Command<?> command;
        private final long queuedAt = System.nanoTime();
        /** Completed with the group the command is to lead, or with none once it is settled. */
        private final CompletableFuture<List<Queued>> turn = new CompletableFuture<>();
        private Object answer;
        private RuntimeException failure;
        private boolean ended;

        private Queued(String key, Command<?> command) {
            this.key = key;
            this.command = command;
        }

        String key() {
            return key;
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
            turn.complete(List.of());
        }

        private List<Queued> awaitTurn() {
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
