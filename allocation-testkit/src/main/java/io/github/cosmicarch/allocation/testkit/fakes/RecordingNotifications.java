package io.github.cosmicarch.allocation.testkit.fakes;

import io.github.cosmicarch.allocation.service.port.Notifications;
import java.util.ArrayList;
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

    private final List<Sent> sent = new ArrayList<>();

    /** Creates an empty record. */
    public RecordingNotifications() {}

    @Override
    public synchronized void send(String destination, String message) {
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
}
