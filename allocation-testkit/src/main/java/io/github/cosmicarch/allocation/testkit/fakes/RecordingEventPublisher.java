package io.github.cosmicarch.allocation.testkit.fakes;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.util.ArrayList;
import java.util.List;

/** Events that are kept instead of published; safe for concurrent use. */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<DomainEvent> published = new ArrayList<>();

    /** Creates an empty record. */
    public RecordingEventPublisher() {}

    @Override
    public synchronized void publish(DomainEvent event) {
        published.add(event);
    }

    /**
     * What was published so far.
     *
     * @return the events, oldest first
     */
    public synchronized List<DomainEvent> published() {
        return List.copyOf(published);
    }
}
