package io.github.cosmicarch.allocation.service.outbox;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * How far one handler got with one stored event. A handler with no progress has not succeeded yet
 * and is due.
 *
 * @param status    done, waiting for a retry, or parked
 * @param attempts  the attempts that failed so far
 * @param retryAt   when a handler waiting for a retry may run again; empty otherwise
 * @param lastError what the last failed attempt said; empty when none failed
 */
public record HandlerProgress(Status status, int attempts, Optional<Instant> retryAt, String lastError) {

    /** Where a handler stands with an event. */
    public enum Status {
        /** It succeeded: it is never run again for this event. */
        DONE,
        /** It failed and runs again once its retry time has come. */
        RETRYING,
        /** It failed as often as the policy allows: it waits for an operator to replay it. */
        PARKED
    }

    /**
     * Checks that the parts agree: only a retrying handler has a retry time.
     *
     * @param status    where the handler stands
     * @param attempts  failed attempts so far, not negative
     * @param retryAt   when it may run again, present exactly when retrying
     * @param lastError what the last failure said, never {@code null}
     * @throws IllegalArgumentException when they do not agree
     */
    public HandlerProgress {
        requireNonNull(status, "status");
        requireNonNull(retryAt, "retryAt");
        requireNonNull(lastError, "lastError");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, but was " + attempts);
        }
        if (retryAt.isPresent() != (status == Status.RETRYING)) {
            throw new IllegalArgumentException("a retry time is given exactly when retrying, but status was " + status
                    + " and retryAt " + retryAt);
        }
    }

    /** {@return the progress of a handler that succeeded} */
    public static HandlerProgress done() {
        return new HandlerProgress(Status.DONE, 0, Optional.empty(), "");
    }

    /**
     * A handler that failed and will run again.
     *
     * @param attempts  the failed attempts so far
     * @param retryAt   when it may run again
     * @param lastError what the failure said
     * @return its progress
     */
    public static HandlerProgress retrying(int attempts, Instant retryAt, String lastError) {
        return new HandlerProgress(Status.RETRYING, attempts, Optional.of(retryAt), lastError);
    }

    /**
     * A handler that failed for the last time the policy allows.
     *
     * @param attempts  the failed attempts
     * @param lastError what the last failure said
     * @return its progress
     */
    public static HandlerProgress parked(int attempts, String lastError) {
        return new HandlerProgress(Status.PARKED, attempts, Optional.empty(), lastError);
    }
}
