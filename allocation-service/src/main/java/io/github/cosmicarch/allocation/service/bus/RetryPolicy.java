package io.github.cosmicarch.allocation.service.bus;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How the bus retries work that met a {@link io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict}:
 * at most {@code maxAttempts} attempts in all, with an exponential backoff between them, and full
 * jitter so that competing threads do not retry in lockstep.
 *
 * @param maxAttempts  attempts in all, the first included; 1 means no retry
 * @param firstBackoff the longest pause before the first retry
 * @param maxBackoff   the longest pause before any retry
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    /**
     * Validates the policy.
     *
     * @param maxAttempts  attempts in all, at least 1
     * @param firstBackoff the longest pause before the first retry, not negative
     * @param maxBackoff   the longest pause before any retry, not shorter than {@code firstBackoff}
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public RetryPolicy {
        requireNonNull(firstBackoff, "firstBackoff");
        requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
        }
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("firstBackoff must not be negative, but was " + firstBackoff);
        }
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be at least firstBackoff (" + firstBackoff + "), but was " + maxBackoff);
        }
    }

    /**
     * Ten attempts, pauses from up to 1 ms doubling to up to 50 ms: enough for a hot product
     * shared by a few busy threads.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(10, Duration.ofMillis(1), Duration.ofMillis(50));
    }

    /** {@return a policy of one attempt, which never retries: a conflict goes straight to the caller} */
    public static RetryPolicy noRetry() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The pause before a retry: a random duration between zero and the cap, where the cap starts
     * at {@code firstBackoff} and doubles with each retry up to {@code maxBackoff}.
     *
     * @param retry  which retry, from 1
     * @param random the source of jitter
     * @return the pause
     */
    public Duration backoffBefore(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be at least 1, but was " + retry);
        }
        long max = maxBackoff.toNanos();
        long cap = firstBackoff.toNanos();
        int doublings = Math.min(retry - 1, Long.SIZE); // past 64 doublings any cap has reached the maximum
        for (int doubling = 0; doubling < doublings; doubling++) {
            cap = cap > max / 2 ? max : cap * 2;
        }
        return Duration.ofNanos(random.nextLong(cap + 1));
    }
}
