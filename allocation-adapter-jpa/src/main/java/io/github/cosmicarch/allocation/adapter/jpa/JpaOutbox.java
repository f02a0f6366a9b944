package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.service.outbox.EventEncoding;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OrderingKey;
import io.github.cosmicarch.allocation.service.outbox.Outbox;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The outbox of one JPA unit of work, on the tables {@code outbox_events} and
 * {@code outbox_progress}. Reads run at once in the unit of work's transaction; a claim locks the
 * rows it answers with {@code FOR UPDATE SKIP LOCKED}, so that it never waits for another claim.
 * Writes wait for the commit, which makes them with the products, and forgets finished events
 * in two statements whatever their number.
 */
final class JpaOutbox implements Outbox {

    private final JpaUnitOfWork unitOfWork;
    private final Set<UUID> finished = new LinkedHashSet<>();
    /** Events this unit of work claimed with no progress and wrote none for: finishing them deletes no progress. */
    private final Set<UUID> withoutProgress = new HashSet<>();
    private final List<PendingWrite> pending = new ArrayList<>();
    /** Whether a parked handler was replayed or discarded: an operator's request, not the dispatcher's progress. */
    private boolean byOperator;

    /** A write made at commit, among the commit's writes. */
    @FunctionalInterface
    private interface PendingWrite {
        void write(Statements writes, long now);
    }

    JpaOutbox(JpaUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public List<PendingEvent> due(Instant storedBefore, Instant now, int limit) {
        requirePositive(limit);
        long at = now.toEpochMilli();
        long before = storedBefore.toEpochMilli();
        // The first event of each product and type that is not due bounds that key's due events:
        // found once per key by one grouped scan, not once per due event, which with a key's
        // backlog all due would compare each event with every earlier one.
        return read("reading the due events", em -> OutboxQueries.withProgress(em, SqlReads.list(em, "select " + OutboxQueries.EVENT_COLUMNS
                        + " from outbox_events e left join (select o.sku, o.event_type, min(o.seq) as first_not_due"
                        + " from outbox_events o where o.next_attempt_ms is not null and (o.next_attempt_ms > ? or o.stored_at_ms > ?)"
                        + " group by o.sku, o.event_type) n on n.sku = e.sku and n.event_type = e.event_type"
                        + " where e.next_attempt_ms is not null and e.next_attempt_ms <= ? and e.stored_at_ms <= ?"
                        + " and (n.first_not_due is null or e.seq < n.first_not_due) order by e.seq",
                limit, OutboxQueries::eventColumns, at, before, at, before)));
    }

    /**
     * Locks the events asked for, then refuses those that an earlier pending event of the same
     * key, not asked for, holds back: the first such event of each key comes from one grouped
     * query over the products' earlier events, not from a condition on each row locked (ADR 12).
     */
    @Override
    public List<PendingEvent> claim(List<UUID> ids, Set<String> handlers) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> asked = new HashSet<>(ids);
        List<PendingEvent> claimed = read("claiming events", em -> {
            List<UUID> askedIds = List.copyOf(asked);
            List<Object[]> locked = SqlReads.list(em, "select " + OutboxQueries.EVENT_COLUMNS + ", e.seq, e.sku from outbox_events e"
                            + " where e.event_id in (" + SqlWrites.placeholders(askedIds) + ") order by e.seq for update skip locked",
                    row -> new Object[] {row.getObject(1), row.getString(2), row.getInt(3), row.getString(4), row.getLong(5),
                        row.getString(6)},
                    askedIds.toArray());
            if (locked.isEmpty()) {
                return List.of();
            }
            Set<String> skus = new HashSet<>();
            long lastSeq = 0;
            for (Object[] row : locked) {
                skus.add((String) row[5]);
                lastSeq = Math.max(lastSeq, ((Number) row[4]).longValue());
            }
            Map<OrderingKey, Long> heldBackFrom = new HashMap<>();
            for (Object[] first : OutboxQueries.heldBack(em, skus, lastSeq, asked, handlers)) {
                heldBackFrom.put(new OrderingKey((String) first[0], (String) first[1]), ((Number) first[2]).longValue());
            }
            return OutboxQueries.withProgress(em, locked.stream().filter(row -> {
                Long from = heldBackFrom.get(new OrderingKey((String) row[5], (String) row[1]));
                return from == null || ((Number) row[4]).longValue() < from;
            }).toList());
        });
        claimed.stream().filter(pending -> pending.progress().isEmpty())
                .forEach(pending -> withoutProgress.add(pending.recorded().id()));
        return claimed;
    }

    @Override
    public void record(UUID id, String handler, HandlerProgress progress) {
        UUID event = Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(progress, "progress");
        boolean noneStored = withoutProgress.remove(event);
        pending.add((writes, now) -> {
            if (!noneStored) {
                deleteProgress(writes, event, handler);
            }
            writes.add("""
                            insert into outbox_progress (event_id, handler, status, attempts, retry_at_ms, last_error)
                            values (?, ?, ?, ?, ?, ?)""", event, handler, progress.status().name(), progress.attempts(),
                    progress.retryAt().map(Instant::toEpochMilli).orElse(null), ColumnValues.shortened(progress.lastError()));
        });
    }

    @Override
    public void schedule(UUID id, Optional<Instant> nextAttempt) {
        UUID event = Objects.requireNonNull(id, "id");
        Long at = nextAttempt.map(Instant::toEpochMilli).orElse(null);
        pending.add((writes, now) -> writes.add("update outbox_events set next_attempt_ms = ? where event_id = ?",
                at, event));
    }

    @Override
    public void finished(UUID id) {
        finished.add(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<PendingEvent> parked(int limit) {
        requirePositive(limit);
        return read("listing parked events", em -> OutboxQueries.withProgress(em, SqlReads.list(em, "select " + OutboxQueries.EVENT_COLUMNS
                        + " from outbox_events e where exists (select 1 from outbox_progress p"
                        + " where p.event_id = e.event_id and p.status = 'PARKED') order by e.seq",
                limit, OutboxQueries::eventColumns)));
    }

    @Override
    public List<PendingEvent> retrying(String handler, int limit) {
        Objects.requireNonNull(handler, "handler");
        requirePositive(limit);
        return read("reading the events waiting to retry " + handler, em -> OutboxQueries.withProgress(em, SqlReads.list(em,
                "select " + OutboxQueries.EVENT_COLUMNS + " from outbox_events e join outbox_progress p on p.event_id = e.event_id"
                        + " where p.handler = ? and p.status = 'RETRYING' order by e.seq",
                limit, OutboxQueries::eventColumns, handler)));
    }

    /** Moves the handler's retries waiting past {@code now} to {@code now}, their events' next look first. */
    @Override
    public void retryNow(String handler, Instant now) {
        Objects.requireNonNull(handler, "handler");
        long at = now.toEpochMilli();
        pending.add((writes, committing) -> {
            writes.add("""
                    update outbox_events set next_attempt_ms = ? where next_attempt_ms > ? and event_id in
                        (select event_id from outbox_progress where handler = ? and status = 'RETRYING' and retry_at_ms > ?)""",
                    at, at, handler, at);
            writes.add("update outbox_progress set retry_at_ms = ? where handler = ? and status = 'RETRYING'"
                    + " and retry_at_ms > ?", at, handler, at);
        });
    }

    @Override
    public Optional<Instant> oldestPendingSince() {
        return read("finding the oldest pending event", em -> SqlReads.list(em,
                "select min(stored_at_ms) from outbox_events where next_attempt_ms is not null", row -> {
                    long oldest = row.getLong(1);
                    return row.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(oldest));
                }).get(0));
    }

    @Override
    public boolean replay(UUID id, String handler) {
        return whenParked(id, handler, "delete from outbox_progress where event_id = ? and handler = ? and status = 'PARKED'");
    }

    @Override
    public boolean discard(UUID id, String handler) {
        return whenParked(id, handler, "update outbox_progress set status = 'DONE', attempts = 0, retry_at_ms = null,"
                + " last_error = '' where event_id = ? and handler = ? and status = 'PARKED'"); // as HandlerProgress.done()
    }

    /**
     * An operator's write to a parked handler, made by the commit with the event due at once;
     * {@code false}, and nothing written, when the handler is not parked.
     */
    private boolean whenParked(UUID id, String handler, String write) {
        UUID event = Objects.requireNonNull(id, "id");
        long parked = read("finding a parked handler", em -> SqlReads.list(em,
                "select count(*) from outbox_progress where event_id = ? and handler = ? and status = 'PARKED'",
                row -> row.getLong(1), event, handler).get(0));
        if (parked == 0) {
            return false;
        }
        byOperator = true;
        pending.add((writes, now) -> {
            if (writes.runNow(write, event, handler) > 0) {
                writes.add("update outbox_events set next_attempt_ms = ? where event_id = ?", now, event);
            }
        });
        return true;
    }

    boolean hasWrites() {
        return !pending.isEmpty() || !finished.isEmpty();
    }

    /**
     * Whether every write waiting is the dispatcher's progress (handlers done, retried, parked,
     * events finished), which a crash may lose: the events are then dispatched again.
     */
    boolean writesProgressOnly() {
        return hasWrites() && !byOperator;
    }

    /** Stores the events a commit's products recorded, then makes the writes of this unit of work. */
    void write(Statements writes, List<RecordedEvent> recorded) {
        long now = System.currentTimeMillis();
        writes.insertRows("insert into outbox_events (event_id, sku, event_type, encoding, payload, stored_at_ms, next_attempt_ms)",
                recorded.stream().map(event -> {
                    EventEncoding.Encoded encoded = EventEncoding.encode(event.event());
                    return new Object[] {event.id(), event.event().sku(), encoded.type(), encoded.version(), encoded.data(),
                        now, now};
                }).toList());
        for (PendingWrite write : pending) {
            write.write(writes, now);
        }
        if (!finished.isEmpty()) {
            List<UUID> ids = List.copyOf(finished);
            Object[] values = ids.toArray();
            if (!withoutProgress.containsAll(ids)) {
                writes.add("delete from outbox_progress where event_id in (" + SqlWrites.placeholders(ids) + ")",
                        values);
            }
            writes.add("delete from outbox_events where event_id in (" + SqlWrites.placeholders(ids) + ")",
                    values);
        }
        discard();
    }

    void discard() {
        byOperator = false;
        pending.clear();
        finished.clear();
        withoutProgress.clear();
    }

    private static void deleteProgress(Statements writes, UUID event, String handler) {
        writes.add("delete from outbox_progress where event_id = ? and handler = ?", event, handler);
    }

    private <T> T read(String doing, Function<EntityManager, T> query) {
        try {
            return query.apply(unitOfWork.inTransaction());
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, doing);
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
    }
}
