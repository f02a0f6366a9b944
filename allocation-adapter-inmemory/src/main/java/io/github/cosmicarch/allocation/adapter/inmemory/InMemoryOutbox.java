package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.Outbox;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The outbox as one unit of work sees it: reads go to the database, writes wait for the commit. */
final class InMemoryOutbox implements Outbox {

    private final InMemoryDatabase database;
    private final List<OutboxWrite> writes = new ArrayList<>();

    InMemoryOutbox(InMemoryDatabase database) {
        this.database = database;
    }

    @Override
    public List<PendingEvent> due(Instant storedBefore, Instant now, int limit) {
        requirePositive(limit);
        return database.due(Objects.requireNonNull(storedBefore, "storedBefore"), Objects.requireNonNull(now, "now"), limit);
    }

    @Override
    public List<PendingEvent> claim(List<UUID> ids, Set<String> handlers) {
        return database.claim(List.copyOf(ids), Set.copyOf(handlers), this);
    }

    @Override
    public void record(UUID id, String handler, HandlerProgress progress) {
        writes.add(new OutboxWrite.Progress(Objects.requireNonNull(id, "id"), Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(progress, "progress")));
    }

    @Override
    public void schedule(UUID id, Optional<Instant> nextAttempt) {
        writes.add(new OutboxWrite.Schedule(Objects.requireNonNull(id, "id"), Objects.requireNonNull(nextAttempt, "nextAttempt")));
    }

    @Override
    public void finished(UUID id) {
        writes.add(new OutboxWrite.Finished(Objects.requireNonNull(id, "id")));
    }

    @Override
    public List<PendingEvent> parked(int limit) {
        requirePositive(limit);
        return database.parked(limit);
    }

    @Override
    public List<PendingEvent> retrying(String handler, int limit) {
        requirePositive(limit);
        return database.retrying(Objects.requireNonNull(handler, "handler"), limit);
    }

    @Override
    public void retryNow(String handler, Instant now) {
        writes.add(new OutboxWrite.RetryNow(Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(now, "now")));
    }

    @Override
    public Optional<Instant> oldestPendingSince() {
        return database.oldestPendingSince();
    }

    @Override
    public boolean replay(UUID id, String handler) {
        return whenParked(id, handler, new OutboxWrite.Replay(id, handler));
    }

    @Override
    public boolean discard(UUID id, String handler) {
        return whenParked(id, handler, new OutboxWrite.Discard(id, handler));
    }

    /** An operator's write to a parked handler, kept for the commit; {@code false}, and nothing kept, when it is not parked. */
    private boolean whenParked(UUID id, String handler, OutboxWrite write) {
        if (!database.isParked(id, handler)) {
            return false;
        }
        writes.add(write);
        return true;
    }

    /** The writes to make at commit; the list is emptied. */
    List<OutboxWrite> takeWrites() {
        List<OutboxWrite> taken = List.copyOf(writes);
        writes.clear();
        return taken;
    }

    void discard() {
        writes.clear();
        database.release(this);
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
    }
}
