package io.github.cosmicarch.allocation.testkit.fakes;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Events that are kept instead of published; safe for concurrent use. */
public final class RecordingEventPublisher implements EventPublisher {

    /**
     * One publication.
     *
     * @param event   what was published
     * @param eventId its stable id
     */
    public record Publication(DomainEvent event, UUID eventId) {}

    private final Record<Publication> publications = new Record<>("publications");

    /** Creates an empty record. */
    public RecordingEventPublisher() {}

    @Override
    public void publish(DomainEvent event, UUID eventId) {
        publications.add(new Publication(event, eventId));
    }

    /**
     * What was published so far: an event published twice is there twice.
     *
     * @return the events, oldest first
     */
    public List<DomainEvent> published() {
        return eventsOf(publications.items());
    }

    /**
     * Every publication so far, with the event's id.
     *
     * @return the publications, oldest first
     */
    public List<Publication> publications() {
        return publications.items();
    }

    /**
     * Waits until at least {@code count} events were published, as effects run on the
     * dispatcher's threads.
     *
     * @param count    how many to wait for
     * @param patience how long to wait at most
     * @return what was published, oldest first
     * @throws AssertionError when fewer were published in time
     */
    public List<DomainEvent> awaitPublished(int count, Duration patience) {
        return eventsOf(publications.await(count, patience));
    }

    private static List<DomainEvent> eventsOf(List<Publication> publications) {
        return publications.stream().map(Publication::event).toList();
    }
}
