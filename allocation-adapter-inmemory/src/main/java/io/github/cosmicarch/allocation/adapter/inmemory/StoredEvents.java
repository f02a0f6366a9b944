package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OrderingKey;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The outbox of an {@link InMemoryDatabase}: the events commits stored, in position order, with
 * each handler's progress and the unit of work that claims each. Every method is called while the
 * database's lock is held.
 */
final class StoredEvents {

    private static final class Entry {
        final long position;
        final RecordedEvent recorded;
        final Instant storedAt;
        Instant nextAttempt;
        final Map<String, HandlerProgress> progress = new HashMap<>();
        Object claimedBy;

        Entry(long position, RecordedEvent recorded, Instant storedAt) {
            this.position = position;
            this.recorded = recorded;
            this.storedAt = storedAt;
            this.nextAttempt = storedAt;
        }

        PendingEvent pending() {
            return new PendingEvent(recorded, progress);
        }

        OrderingKey orderKey() {
            return OrderingKey.of(recorded.event());
        }
    }

    private final TreeMap<Long, Entry> byPosition = new TreeMap<>();
    private final Map<UUID, Entry> byId = new HashMap<>();
    private final Map<OrderingKey, TreeMap<Long, Entry>> byOrderKey = new HashMap<>();
    private final Map<Object, List<Entry>> claims = new HashMap<>();
    private long lastPosition;

    void store(List<RecordedEvent> events, Instant now) {
        for (RecordedEvent event : events) {
            Entry entry = new Entry(++lastPosition, event, now);
            byPosition.put(entry.position, entry);
            byId.put(event.id(), entry);
            byOrderKey.computeIfAbsent(entry.orderKey(), key -> new TreeMap<>()).put(entry.position, entry);
        }
    }

    List<PendingEvent> due(Instant storedBefore, Instant now, int limit) {
        List<PendingEvent> due = new ArrayList<>();
        Set<OrderingKey> heldBack = new HashSet<>();
        for (Entry entry : byPosition.values()) {
            if (due.size() == limit) {
                break;
            }
            if (entry.nextAttempt == null || heldBack.contains(entry.orderKey())) {
                continue;
            }
            if (!entry.storedAt.isAfter(storedBefore) && !entry.nextAttempt.isAfter(now)) {
                due.add(entry.pending());
            } else {
                heldBack.add(entry.orderKey());
            }
        }
        return due;
    }

    List<PendingEvent> claim(List<UUID> ids, Set<String> handlers, Object owner) {
        List<Entry> wanted = ids.stream().map(byId::get).filter(entry -> entry != null)
                .sorted((a, b) -> Long.compare(a.position, b.position)).toList();
        Set<UUID> claimedTogether = new HashSet<>(ids);
        List<PendingEvent> claimed = new ArrayList<>();
        for (Entry entry : wanted) {
            boolean free = entry.claimedBy == null || entry.claimedBy == owner;
            if (free && !waitsForAnEarlierEvent(entry, claimedTogether, handlers)) {
                if (entry.claimedBy == null) {
                    entry.claimedBy = owner;
                    claims.computeIfAbsent(owner, key -> new ArrayList<>()).add(entry);
                }
                claimed.add(entry.pending());
            }
        }
        return claimed;
    }

    private boolean waitsForAnEarlierEvent(Entry entry, Set<UUID> claimedTogether, Set<String> handlers) {
        for (Entry earlier : byOrderKey.get(entry.orderKey()).headMap(entry.position).values()) {
            if (earlier.nextAttempt != null && !claimedTogether.contains(earlier.recorded.id())
                    && PendingEvent.holdsBack(earlier.progress, handlers)) {
                return true;
            }
        }
        return false;
    }

    void release(Object owner) {
        List<Entry> claimed = claims.remove(owner);
        if (claimed != null) {
            claimed.forEach(entry -> entry.claimedBy = null);
        }
    }

    boolean isParked(UUID id, String handler) {
        Entry entry = byId.get(id);
        return entry != null && entry.progress.containsKey(handler)
                && entry.progress.get(handler).status() == HandlerProgress.Status.PARKED;
    }

    Optional<Instant> oldestPendingSince() {
        return byPosition.values().stream().filter(entry -> entry.nextAttempt != null)
                .map(entry -> entry.storedAt).min(Instant::compareTo);
    }

    List<PendingEvent> parked(int limit) {
        return byPosition.values().stream()
                .filter(entry -> entry.progress.values().stream().anyMatch(p -> p.status() == HandlerProgress.Status.PARKED))
                .limit(limit)
                .map(Entry::pending)
                .toList();
    }

    /** Events waiting to retry the handler, oldest first. */
    List<PendingEvent> retrying(String handler, int limit) {
        return byPosition.values().stream()
                .filter(entry -> isRetrying(entry, handler))
                .limit(limit)
                .map(Entry::pending)
                .toList();
    }

    private static boolean isRetrying(Entry entry, String handler) {
        HandlerProgress progress = entry.progress.get(handler);
        return progress != null && progress.status() == HandlerProgress.Status.RETRYING;
    }

    void apply(List<OutboxWrite> writes, Instant now) {
        for (OutboxWrite any : writes) {
            if (any instanceof OutboxWrite.RetryNow retry) {
                retryNow(retry.handler(), retry.now());
                continue;
            }
            OutboxWrite.ToEvent write = (OutboxWrite.ToEvent) any;
            Entry entry = byId.get(write.id());
            if (entry == null) {
                continue;
            }
            if (write instanceof OutboxWrite.Progress progress) {
                entry.progress.put(progress.handler(), progress.progress());
            } else if (write instanceof OutboxWrite.Schedule schedule) {
                entry.nextAttempt = schedule.nextAttempt().orElse(null);
            } else if (write instanceof OutboxWrite.Replay replay) {
                if (isParked(replay.id(), replay.handler())) {
                    entry.progress.remove(replay.handler());
                    entry.nextAttempt = now;
                }
            } else if (write instanceof OutboxWrite.Discard discard) {
                if (isParked(discard.id(), discard.handler())) {
                    entry.progress.put(discard.handler(), HandlerProgress.done());
                    entry.nextAttempt = now;
                }
            } else if (write instanceof OutboxWrite.Finished) {
                forget(entry);
            }
        }
    }

    /** Moves every retry of the handler waiting past {@code now} to {@code now}, and the look at its event with it. */
    private void retryNow(String handler, Instant now) {
        for (Entry entry : byPosition.values()) {
            if (isRetrying(entry, handler) && entry.progress.get(handler).retryAt().orElseThrow().isAfter(now)) {
                HandlerProgress waiting = entry.progress.get(handler);
                entry.progress.put(handler, HandlerProgress.retrying(waiting.attempts(), now, waiting.lastError()));
                if (entry.nextAttempt == null || entry.nextAttempt.isAfter(now)) {
                    entry.nextAttempt = now;
                }
            }
        }
    }

    private void forget(Entry entry) {
        byPosition.remove(entry.position);
        byId.remove(entry.recorded.id());
        TreeMap<Long, Entry> sameKey = byOrderKey.get(entry.orderKey());
        sameKey.remove(entry.position);
        if (sameKey.isEmpty()) {
            byOrderKey.remove(entry.orderKey());
        }
    }
}
