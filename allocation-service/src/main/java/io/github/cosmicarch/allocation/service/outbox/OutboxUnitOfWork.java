package io.github.cosmicarch.allocation.service.outbox;

import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import java.util.List;

/**
 * The unit of work the message bus works in: the domain's {@link UnitOfWork} with the
 * transactional {@link Outbox}. Its commit also stores, in the same transaction, every event its
 * products recorded since the last commit (collected with {@code Product.collectEvents()}), each
 * under a {@linkplain RecordedEvent#withNewId new id}, and makes the writes done through
 * {@link #outbox()}: nothing a commit sets in motion lives only in memory, and a handler's work and
 * its done mark are kept together or not at all. A rollback discards the outbox's writes too.
 */
public interface OutboxUnitOfWork extends UnitOfWork {

    /**
     * The stored events, as seen from inside this unit of work.
     *
     * @return the outbox
     */
    Outbox outbox();

    /**
     * Collects the events that the commits of this unit of work stored since the last collection;
     * each is handed out once. Events recorded but never committed are not among them.
     *
     * @return the stored events, in the order they were stored
     */
    List<RecordedEvent> collectNewEvents();
}
