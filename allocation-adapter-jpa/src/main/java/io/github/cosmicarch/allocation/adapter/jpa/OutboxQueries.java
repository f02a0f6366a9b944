package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.service.outbox.EventEncoding;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import jakarta.persistence.EntityManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox's reads that {@link JpaOutbox} builds on, in plain JDBC: the rows of events with their
 * progress, and the grouped query of the earlier events that hold a claim's events back (ADR 12).
 */
final class OutboxQueries {

    /** The columns {@link #eventColumns} reads, in its order. */
    static final String EVENT_COLUMNS = "e.event_id, e.event_type, e.encoding, e.payload";
    private OutboxQueries() {}

    /** The events of the rows, each with its progress, read in one more query. */
    static List<PendingEvent> withProgress(EntityManager em, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, HandlerProgress>> progress = progressOf(em, rows.stream().map(row -> ColumnValues.uuid(row[0])).toList());
        return rows.stream().map(row -> {
            DomainEvent event = EventEncoding.decode((String) row[1], ((Number) row[2]).intValue(), (String) row[3]);
            RecordedEvent recorded = new RecordedEvent(ColumnValues.uuid(row[0]), event);
            return new PendingEvent(recorded, progress.getOrDefault(recorded.id(), Map.of()));
        }).toList();
    }

    /**
     * The first event of each key of the products that holds back the later ones from the
     * handlers, by the rule of {@link PendingEvent#holdsBack}: pending, not asked for, and not
     * done or parked by one of the handlers (by any handler when none is given).
     */
    static List<Object[]> heldBack(EntityManager em, Set<String> skus, long lastSeq, Set<UUID> asked,
                                           Set<String> handlers) {
        List<Object> parameters = new ArrayList<>(skus);
        parameters.add(lastSeq);
        parameters.addAll(asked);
        String byHandlers = "";
        if (!handlers.isEmpty()) {
            byHandlers = " and (select count(*) from outbox_progress p where p.event_id = e.event_id and p.handler in ("
                    + SqlWrites.placeholders(handlers) + ") and p.status in ('DONE', 'PARKED')) < ?";
            parameters.addAll(handlers);
            parameters.add(handlers.size());
        }
        return SqlReads.list(em, "select e.sku, e.event_type, min(e.seq) from outbox_events e"
                        + " where e.sku in (" + SqlWrites.placeholders(skus) + ") and e.seq < ? and e.next_attempt_ms is not null"
                        + " and e.event_id not in (" + SqlWrites.placeholders(asked) + ")" + byHandlers
                        + " group by e.sku, e.event_type",
                row -> new Object[] {row.getString(1), row.getString(2), row.getLong(3)}, parameters.toArray());
    }

    /** The progress of the events, by event and handler, read in one query. */
    static Map<UUID, Map<String, HandlerProgress>> progressOf(EntityManager em, List<UUID> ids) {
        Map<UUID, Map<String, HandlerProgress>> progress = new HashMap<>();
        for (Object[] row : SqlReads.list(em, "select event_id, handler, status, attempts, retry_at_ms, last_error"
                        + " from outbox_progress where event_id in (" + SqlWrites.placeholders(ids) + ")",
                OutboxQueries::progressColumns, ids.toArray())) {
            HandlerProgress.Status status = HandlerProgress.Status.valueOf((String) row[2]);
            Optional<Instant> retryAt = Optional.ofNullable((Number) row[4]).map(ms -> Instant.ofEpochMilli(ms.longValue()));
            progress.computeIfAbsent(ColumnValues.uuid(row[0]), key -> new HashMap<>())
                    .put((String) row[1], new HandlerProgress(status, ((Number) row[3]).intValue(), retryAt, (String) row[5]));
        }
        return progress;
    }

    /** The columns of {@link #EVENT_COLUMNS}. */
    static Object[] eventColumns(ResultSet row) throws SQLException {
        return new Object[] {row.getObject(1), row.getString(2), row.getInt(3), row.getString(4)};
    }

    static Object[] progressColumns(ResultSet row) throws SQLException {
        long retryAtMs = row.getLong(5);
        Long retryAt = row.wasNull() ? null : retryAtMs;
        return new Object[] {row.getObject(1), row.getString(2), row.getString(3), row.getInt(4), retryAt, row.getString(6)};
    }
}
