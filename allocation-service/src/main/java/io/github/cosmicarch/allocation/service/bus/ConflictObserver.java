package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;

/** Told about every concurrency conflict the bus meets: for metrics, logs or tests. */
@FunctionalInterface
public interface ConflictObserver {

    /** An observer that ignores everything. */
    ConflictObserver NONE = (message, attempt, conflict, willRetry) -> {};

    /**
     * Called after an attempt at handling a message ended in a conflict.
     *
     * @param message   the command or event being handled
     * @param attempt   the attempt that failed, from 1
     * @param conflict  the conflict
     * @param willRetry {@code true} when the bus tries again, {@code false} when it gives up
     */
    void conflicted(Object message, int attempt, ConcurrencyConflict conflict, boolean willRetry);
}
