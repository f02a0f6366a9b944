package io.github.cosmicarch.allocation.service.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The events commits stored, as seen from one {@link OutboxUnitOfWork}: the transactional outbox. A
 * commit stores the events its products recorded in the same transaction as the products, and
 * they stay here until every handler is done with them, so that nothing a commit set in motion is
 * lost to a crash, a failing database or a broker that is away.
 *
 * <p>Reads happen at once; {@link #claim} also locks the events it answers until the unit of work
 * ends, so that no other unit of work claims them meanwhile. Everything written here
 * ({@link #record}, {@link #schedule}, {@link #retryNow}, {@link #replay}, {@link #finished}) is written by the unit of
 * work's next commit, in its transaction, with the changes to products: a handler's work and its
 * "done" mark are kept together or not at all.
 *
 * <p>Each event has a position, the order in which it was stored; the events of one product are
 * stored in the order they were recorded. Order is kept per {@link OrderingKey} (product and event
 * type) and per handler: a claim waits for the earlier events of a key that the handlers claiming
 * have not finished, not for other handlers, so that a reallocation or a read model does not wait
 * for a publication. {@link #due} still answers a key's events in order up to the first that is
 * not due, so after a failure the dispatcher's later looks take up the key in that order. Each event also has a time at which a dispatcher should look at it next, first the
 * time it was stored; an event with no such time has only parked handlers left.
 *
 * <p>Rules an adapter keeps, beside those of each method:
 * <ul>
 *   <li>a claim never waits for another unit of work's claim: what another holds is left out at
 *       once, so that dispatchers in several processes share the work without blocking;</li>
 *   <li>writes to an event that is gone (finished meanwhile) are ignored;</li>
 *   <li>a {@code limit} below 1 is refused with an {@link IllegalArgumentException} saying
 *       {@code limit must be at least 1, but was} and the value;</li>
 *   <li>a handler's last error is kept up to 2 000 characters (longer ones may be shortened);</li>
 *   <li>events are returned with every handler's progress as last committed, and each event
 *       exactly as stored, whatever characters its order id, sku or batch reference hold;</li>
 *   <li>the writes are made by the unit of work's next commit even when it changed no product and
 *       read nothing else, and discarded by a rollback.</li>
 * </ul>
 */
public interface Outbox {

    /**
     * The pending events that were stored no later than {@code storedBefore} and whose next look
     * is due by {@code now}, oldest first, each only when every earlier pending event of its
     * product and type is due as well: the head of each product's queue of events of one type, up
     * to the first that is not due, so that a backlog is worked through in order, many events per
     * look. An event with only parked handlers left is not pending, and does not hold back the
     * product's later events. Locks nothing: {@link #claim} them before handling them, in order.
     *
     * @param storedBefore the latest time an event may have been stored to be answered
     * @param now          the time against which the next look is due
     * @param limit        the most events answered, at least 1
     * @return the due events with their progress, in position order
     */
    List<PendingEvent> due(Instant storedBefore, Instant now, int limit);

    /**
     * Claims events for this unit of work until it ends, for some of their handlers. An event is
     * left out when it is gone (every handler finished it), when another unit of work holds it, or
     * when an earlier event of the same key that is not among {@code ids} is still pending and
     * {@linkplain PendingEvent#holdsBack(java.util.Map, Set) holds it back} from those handlers: a
     * handler sees a key's events in the order they were stored, and does not wait for the other
     * handlers of the earlier events.
     *
     * @param ids      the events to claim
     * @param handlers the handlers about to run, all handling the events' type; empty for every
     *                 handler, when any earlier pending event holds the later ones back
     * @return the events claimed, with their progress as stored, in position order
     */
    List<PendingEvent> claim(List<UUID> ids, Set<String> handlers);

    /**
     * Records how far a handler got with an event, replacing what was recorded before.
     *
     * @param id       the event
     * @param handler  the handler's name
     * @param progress how far it got
     */
    void record(UUID id, String handler, HandlerProgress progress);

    /**
     * Sets when a dispatcher should look at an event next.
     *
     * @param id          the event
     * @param nextAttempt when; empty when only parked handlers are left
     */
    void schedule(UUID id, Optional<Instant> nextAttempt);

    /**
     * Forgets an event every handler is done with, and its progress.
     *
     * @param id the event
     */
    void finished(UUID id);

    /**
     * Events whose handler waits to be tried again after a failure, oldest first, due or not: for
     * a dispatcher that tries one early to learn whether a failing broker is back; the oldest is
     * never held back from the handler by another event waiting for it. Locks nothing:
     * {@link #claim} an event before handling it.
     *
     * @param handler the handler's name
     * @param limit   the most events answered, at least 1
     * @return the events with their progress
     */
    List<PendingEvent> retrying(String handler, int limit);

    /**
     * The handler works again after failing, as when a broker is back: every event waiting to try
     * it again is due at {@code now} rather than after its pause, its failed attempts kept, so that
     * a backlog left by an outage is not held back by pauses grown during it.
     *
     * @param handler the handler's name
     * @param now     when the retries are due
     */
    void retryNow(String handler, Instant now);

    /**
     * Events with at least one parked handler, oldest first.
     *
     * @param limit the most events answered, at least 1
     * @return the events with their progress
     */
    List<PendingEvent> parked(int limit);

    /**
     * When the oldest pending event was stored: the one the dispatcher has left undone the
     * longest, for a gauge of how far behind it is. An event with only parked handlers left is not
     * pending.
     *
     * @return the time it was stored; empty when no event is pending
     */
    Optional<Instant> oldestPendingSince();

    /**
     * Gives a parked handler a new chance: its failures are forgotten and the event is due at once.
     *
     * @param id      the event
     * @param handler the parked handler's name
     * @return {@code true} when that handler was parked for that event; otherwise nothing is
     *         written
     */
    boolean replay(UUID id, String handler);

    /**
     * Gives up a parked handler, as an operator decides: it is recorded as done, and the event is
     * due at once, for the dispatcher to finish it when its other handlers are done too.
     *
     * @param id      the event
     * @param handler the parked handler's name
     * @return {@code true} when that handler was parked for that event; otherwise nothing is
     *         written
     */
    boolean discard(UUID id, String handler);
}
