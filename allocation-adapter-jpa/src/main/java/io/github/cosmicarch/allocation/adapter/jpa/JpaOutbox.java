package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.EventEncoding;
import io.github.cosmicarch.allocation.domain.port.HandlerProgress;
import io.github.cosmicarch.allocation.domain.port.Outbox;
import io.github.cosmicarch.allocation.domain.port.PendingEvent;
import io.github.cosmicarch.allocation.domain.port.RecordedEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
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

    private static final int LONGEST_ERROR = 2000;
    private static final String EVENT_COLUMNS = "e.event_id, e.event_type, e.encoding, e.payload";
    /** An earlier event of the same product and type still pending (not finished, not only parked). */
    private static final String EARLIER_PENDING = """
            exists (select 1 from outbox_events o where o.sku = e.sku and o.event_type = e.event_type
                and o.seq < e.seq and o.next_attempt_ms is not null""";

    private final JpaUnitOfWork unitOfWork;
    private final Set<String> finished = new LinkedHashSet<>();
    /** Events this unit of work claimed with no progress and wrote none for: finishing them deletes no progress. */
    private final Set<String> withoutProgress = new HashSet<>();
    private final List<EntityManagerWrite> pending = new ArrayList<>();

    /** A write made at commit with the unit of work's entity manager. */
    @FunctionalInterface
    private interface EntityManagerWrite {
        void write(EntityManager em, long now);
    }

    JpaOutbox(JpaUnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    @Override
    public List<PendingEvent> due(Instant storedBefore, Instant now, int limit) {
        requirePositive(limit);
        return read("reading the due events", em -> withProgress(em, rows(em.createNativeQuery("select " + EVENT_COLUMNS
                        + " from outbox_events e where e.next_attempt_ms is not null and e.next_attempt_ms <= ?1"
                        + " and e.stored_at_ms <= ?2 and not " + EARLIER_PENDING + ") order by e.seq")
                .setParameter(1, now.toEpochMilli())
                .setParameter(2, storedBefore.toEpochMilli())
                .setMaxResults(limit))));
    }

    @Override
    public List<PendingEvent> claim(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> keys = ids.stream().map(UUID::toString).distinct().toList();
        List<PendingEvent> claimed = read("claiming events", em -> withProgress(em, rows(em.createNativeQuery(
                        "select " + EVENT_COLUMNS + " from outbox_events e where e.event_id in (:ids) and not "
                        + EARLIER_PENDING + " and o.event_id not in (:ids)) order by e.seq for update skip locked")
                .setParameter("ids", keys))));
        claimed.stream().filter(pending -> pending.progress().isEmpty())
                .forEach(pending -> withoutProgress.add(pending.recorded().id().toString()));
        return claimed;
    }

    @Override
    public void record(UUID id, String handler, HandlerProgress progress) {
        String event = Objects.requireNonNull(id, "id").toString();
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(progress, "progress");
        boolean noneStored = withoutProgress.remove(event);
        pending.add((em, now) -> {
            if (!noneStored) {
                deleteProgress(em, event, handler);
            }
            em.createNativeQuery("""
                            insert into outbox_progress (event_id, handler, status, attempts, retry_at_ms, last_error)
                            values (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .setParameter(1, event)
                    .setParameter(2, handler)
                    .setParameter(3, progress.status().name())
                    .setParameter(4, progress.attempts())
                    .setParameter(5, progress.retryAt().map(Instant::toEpochMilli).orElse(null))
                    .setParameter(6, shortened(progress.lastError()))
                    .executeUpdate();
        });
    }

    @Override
    public void schedule(UUID id, Optional<Instant> nextAttempt) {
        String event = Objects.requireNonNull(id, "id").toString();
        Long at = nextAttempt.map(Instant::toEpochMilli).orElse(null);
        pending.add((em, now) -> em.createNativeQuery("update outbox_events set next_attempt_ms = ?1 where event_id = ?2")
                .setParameter(1, at)
                .setParameter(2, event)
                .executeUpdate());
    }

    @Override
    public void finished(UUID id) {
        finished.add(Objects.requireNonNull(id, "id").toString());
    }

    @Override
    public List<PendingEvent> parked(int limit) {
        requirePositive(limit);
        return read("listing parked events", em -> withProgress(em, rows(em.createNativeQuery("select " + EVENT_COLUMNS
                        + " from outbox_events e where exists (select 1 from outbox_progress p"
                        + " where p.event_id = e.event_id and p.status = 'PARKED') order by e.seq")
                .setMaxResults(limit))));
    }

    @Override
    public boolean replay(UUID id, String handler) {
        String event = id.toString();
        Number parked = read("finding a parked handler", em -> (Number) em.createNativeQuery(
                        "select count(*) from outbox_progress where event_id = ?1 and handler = ?2 and status = 'PARKED'")
                .setParameter(1, event)
                .setParameter(2, handler)
                .getSingleResult());
        if (parked.intValue() == 0) {
            return false;
        }
        pending.add((em, now) -> {
            int replayed = em.createNativeQuery(
                            "delete from outbox_progress where event_id = ?1 and handler = ?2 and status = 'PARKED'")
                    .setParameter(1, event)
                    .setParameter(2, handler)
                    .executeUpdate();
            if (replayed > 0) {
                em.createNativeQuery("update outbox_events set next_attempt_ms = ?1 where event_id = ?2")
                        .setParameter(1, now)
                        .setParameter(2, event)
                        .executeUpdate();
            }
        });
        return true;
    }

    boolean hasWrites() {
        return !pending.isEmpty() || !finished.isEmpty();
    }

    /** Stores the events a commit's products recorded, then makes the writes of this unit of work. */
    void write(EntityManager em, List<RecordedEvent> recorded) {
        long now = System.currentTimeMillis();
        for (RecordedEvent event : recorded) {
            EventEncoding.Encoded encoded = EventEncoding.encode(event.event());
            em.createNativeQuery("""
                            insert into outbox_events (event_id, sku, event_type, encoding, payload, stored_at_ms,
                                next_attempt_ms) values (?1, ?2, ?3, ?4, ?5, ?6, ?6)""")
                    .setParameter(1, event.id().toString())
                    .setParameter(2, event.event().sku())
                    .setParameter(3, encoded.type())
                    .setParameter(4, encoded.version())
                    .setParameter(5, encoded.data())
                    .setParameter(6, now)
                    .executeUpdate();
        }
        for (EntityManagerWrite write : pending) {
            write.write(em, now);
        }
        if (!finished.isEmpty()) {
            List<String> ids = List.copyOf(finished);
            if (!withoutProgress.containsAll(ids)) {
                em.createNativeQuery("delete from outbox_progress where event_id in (:ids)").setParameter("ids", ids)
                        .executeUpdate();
            }
            em.createNativeQuery("delete from outbox_events where event_id in (:ids)").setParameter("ids", ids)
                    .executeUpdate();
        }
        discard();
    }

    void discard() {
        pending.clear();
        finished.clear();
        withoutProgress.clear();
    }

    private static void deleteProgress(EntityManager em, String event, String handler) {
        em.createNativeQuery("delete from outbox_progress where event_id = ?1 and handler = ?2")
                .setParameter(1, event)
                .setParameter(2, handler)
                .executeUpdate();
    }

    /** The events of the rows, each with its progress, read in one more query. */
    private static List<PendingEvent> withProgress(EntityManager em, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(row -> (String) row[0]).toList();
        Map<String, Map<String, HandlerProgress>> progress = new HashMap<>();
        List<Object[]> progressRows = rows(em.createNativeQuery("""
                        select event_id, handler, status, attempts, retry_at_ms, last_error
                        from outbox_progress where event_id in (:ids)""")
                .setParameter("ids", ids));
        for (Object[] row : progressRows) {
            HandlerProgress.Status status = HandlerProgress.Status.valueOf((String) row[2]);
            Optional<Instant> retryAt = Optional.ofNullable((Number) row[4]).map(ms -> Instant.ofEpochMilli(ms.longValue()));
            progress.computeIfAbsent((String) row[0], key -> new HashMap<>())
                    .put((String) row[1], new HandlerProgress(status, ((Number) row[3]).intValue(), retryAt, (String) row[5]));
        }
        return rows.stream().map(row -> {
            DomainEvent event = EventEncoding.decode((String) row[1], ((Number) row[2]).intValue(), (String) row[3]);
            RecordedEvent recorded = new RecordedEvent(UUID.fromString((String) row[0]), event);
            return new PendingEvent(recorded, progress.getOrDefault((String) row[0], Map.of()));
        }).toList();
    }

    @SuppressWarnings("unchecked") // a native query of several columns answers arrays
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }

    private <T> T read(String doing, Function<EntityManager, T> query) {
        try {
            return query.apply(unitOfWork.inTransaction());
        } catch (RuntimeException failure) {
            throw Failures.translate(failure, doing, "");
        }
    }

    private static String shortened(String error) {
        return error.length() <= LONGEST_ERROR ? error : error.substring(0, LONGEST_ERROR - 1) + "…";
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
    }
}
