package io.github.cosmicarch.allocation.adapter.inmemory;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** A logger that keeps every message with its level, for tests that read what the bus said. */
final class LoggedMessages implements Logger {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private record Message(Level level, String text) {}

    private final List<Message> messages = new ArrayList<>();

    /** The messages logged at exactly this level, in the order they were logged. */
    synchronized List<String> at(Level level) {
        return messages.stream().filter(message -> message.level() == level).map(Message::text).toList();
    }

    /** Waits until at least {@code count} messages were logged at this level. */
    synchronized void awaitAtLeast(Level level, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (at(level).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Fewer than " + count + " messages at " + level + " within " + PATIENCE);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        messages.add(new Message(level, message));
        notifyAll();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        log(level, bundle, params == null || params.length == 0 ? format : MessageFormat.format(format, params),
                (Throwable) null);
    }
}
