package io.github.cosmicarch.allocation.testkit.fakes;

import io.github.cosmicarch.allocation.service.port.Notifications;
import java.time.Duration;
import java.util.List;

/** Notifications that are kept instead of sent; safe for concurrent use. */
public final class RecordingNotifications implements Notifications {

    /**
     * One notification.
     *
     * @param destination who would have received it
     * @param message     the text
     */
    public record Sent(String destination, String message) {}

    private final Record<Sent> sent = new Record<>("notifications");

    /** Creates an empty record. */
    public RecordingNotifications() {}

    @Override
    public void send(String destination, String message) {
        sent.add(new Sent(destination, message));
    }

    /**
     * What was sent so far.
     *
     * @return the notifications, oldest first
     */
    public List<Sent> sent() {
        return sent.items();
    }

    /**
     * Waits until at least {@code count} were sent, as effects run on the dispatcher's threads.
     *
     * @param count    how many to wait for
     * @param patience how long to wait at most
     * @return what was sent, oldest first
     * @throws AssertionError when fewer were sent in time
     */
    public List<Sent> awaitSent(int count, Duration patience) {
        return sent.await(count, patience);
    }
}
