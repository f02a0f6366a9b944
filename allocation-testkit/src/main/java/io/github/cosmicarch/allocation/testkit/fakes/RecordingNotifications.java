package io.github.cosmicarch.allocation.testkit.fakes;

import io.github.cosmicarch.allocation.service.port.Notifications;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Notifications that are kept instead of sent; safe for concurrent use. */
public final class RecordingNotifications implements Notifications {

    /**
     * One notification.
     *
     * @param destination who would have received it
     * @param message     the text
     */
    public record Sent(String destination, String message) {}

    private final List<Sent> sent = new ArrayList<>();

    /** Creates an empty record. */
    public RecordingNotifications() {}

    @Override
    public synchronized void send(String destination, String message) {
        notifyAll();
        sent.add(new Sent(destination, message));
    }

    /**
     * What was sent so far.
     *
     * @return the notifications, oldest first
     */
    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /**
     * Waits until at least {@code count} were sent, as effects run on the dispatcher's threads.
     *
     * @param count    how many to wait for
     * @param patience how long to wait at most
     * @return what was sent, oldest first
     * @throws AssertionError when fewer were sent in time
     */
    public synchronized List<Sent> awaitSent(int count, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (sent.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected at least " + count + " sent within " + patience + ", got "
                        + sent.size() + ": " + sent);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", interrupted);
            }
        }
        return List.copyOf(sent);
    }
}
