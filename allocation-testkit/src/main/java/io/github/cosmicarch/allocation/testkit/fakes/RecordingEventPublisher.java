package io.github.cosmicarch.allocation.testkit.fakes;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.UUID;

/** Events that are kept instead of published; safe for concurrent use. */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<DomainEvent> published = new ArrayList<>();
    private final List<UUID> ids = new ArrayList<>();

    /** Creates an empty record. */
    public RecordingEventPublisher() {}

    @Override
    public synchronized void publish(DomainEvent event, UUID eventId) {
        notifyAll();
        published.add(event);
        ids.add(eventId);
    }

    /**
     * The ids of what was published so far, one per publication: an event published twice is
     * there twice.
     *
     * @return the ids, oldest first
     */
    public synchronized List<UUID> publishedIds() {
        return List.copyOf(ids);
    }

    /**
     * What was published so far.
     *
     * @return the events, oldest first
     */
    public synchronized List<DomainEvent> published() {
        return List.copyOf(published);
    }

    /**
     * Waits until at least {@code count} were published, as effects run on the dispatcher's threads.
     *
     * @param count    how many to wait for
     * @param patience how long to wait at most
     * @return what was published, oldest first
     * @throws AssertionError when fewer were published in time
     */
    public synchronized List<DomainEvent> awaitPublished(int count, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (published.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected at least " + count + " published within " + patience + ", got "
                        + published.size() + ": " + published);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", interrupted);
            }
        }
        return List.copyOf(published);
    }
}
