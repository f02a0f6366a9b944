package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs work in units of work, again in a new one while it meets conflicts and the policy allows.
 * After a conflict it pauses as the policy says, then waits for its turn in the lane of the product
 * it conflicted on and holds the lane for one attempt: retries on one product run one at a time, in
 * the order they queued, and compete only with first attempts. No lane is held while pausing, nor
 * after the work is done.
 */
final class Attempts {

    /** Retries on products whose skus share a lane take turns; more lanes, fewer unrelated waits. */
    private static final int RETRY_LANES = 64;

    private final UnitOfWorkFactory unitsOfWork;
    private final RetryPolicy retryPolicy;
    private final BusObserver observer;
    private final Logger log;
    private final ReentrantLock[] retryLanes = new ReentrantLock[RETRY_LANES];

    Attempts(UnitOfWorkFactory unitsOfWork, RetryPolicy retryPolicy, BusObserver observer, Logger log) {
        this.unitsOfWork = unitsOfWork;
        this.retryPolicy = retryPolicy;
        this.observer = observer;
        this.log = log;
        Arrays.setAll(retryLanes, lane -> new ReentrantLock(true));
    }

    /** Runs the work; the events its commits stored are added to {@code stored} once it succeeded. */
    <R> R inUnitsOfWork(Object message, Function<OutboxUnitOfWork, R> work, Collection<RecordedEvent> stored) {
        return upTo(retryPolicy.maxAttempts(), message, work, stored);
    }

    /**
     * Runs the work in one unit of work, as in a caller's transaction, where a conflict cannot be
     * retried without the caller's own work: it propagates at once.
     */
    <R> R once(Object message, Function<OutboxUnitOfWork, R> work, Collection<RecordedEvent> stored) {
        return upTo(1, message, work, stored);
    }

    private <R> R upTo(int maxAttempts, Object message, Function<OutboxUnitOfWork, R> work, Collection<RecordedEvent> stored) {
        ReentrantLock lane = null;
        try {
            for (int attempt = 1; ; attempt++) {
                try (OutboxUnitOfWork uow = unitsOfWork.start()) {
                    R result = work.apply(uow);
                    stored.addAll(uow.collectNewEvents());
                    return result;
                } catch (ConcurrencyConflict conflict) {
                    boolean willRetry = attempt < maxAttempts;
                    observer.conflicted(message, attempt, conflict, willRetry);
                    if (!willRetry) {
                        throw conflict;
                    }
                    int failedAttempt = attempt;
                    log.log(Level.DEBUG, () -> "Attempt " + failedAttempt + " at " + message + " met a conflict; retrying");
                    if (lane != null) {
                        lane.unlock();
                        lane = null;
                    }
                    pause(retryPolicy.backoffBefore(attempt, ThreadLocalRandom.current()), conflict);
                    lane = enter(retryLanes[Math.floorMod(conflict.sku().map(String::hashCode).orElse(0), RETRY_LANES)], conflict);
                }
            }
        } finally {
            if (lane != null) {
                lane.unlock();
            }
        }
    }

    /**
     * Waits for the lane and takes it; takes none when this thread already holds one, as a handler
     * that calls the bus from a retry does, so that no thread ever waits for a lane while holding
     * another.
     */
    private ReentrantLock enter(ReentrantLock lane, ConcurrencyConflict conflict) {
        if (Arrays.stream(retryLanes).anyMatch(ReentrantLock::isHeldByCurrentThread)) {
            return null;
        }
        try {
            lane.lockInterruptibly();
            return lane;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            conflict.addSuppressed(interrupted);
            throw conflict;
        }
    }

    private static void pause(Duration backoff, ConcurrencyConflict conflict) {
        try {
            TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            conflict.addSuppressed(interrupted);
            throw conflict;
        }
    }
}
