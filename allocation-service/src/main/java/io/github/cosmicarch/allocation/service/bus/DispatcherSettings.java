package io.github.cosmicarch.allocation.service.bus;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the {@link EventDispatcher} works.
 *
 * @param threads      threads that run effects; the events of one product always go to the same one
 * @param gracePeriod  how long after it was stored an event is left to the thread that committed
 *                     it before the dispatcher takes up whatever is not done
 * @param pollInterval how often the dispatcher looks for such events
 * @param batchSize    the most events one transaction of the dispatcher claims
 * @param retries      how often a failing handler is tried and how long it waits in between; after
 *                     the last attempt it is parked
 */
public record DispatcherSettings(int threads, Duration gracePeriod, Duration pollInterval, int batchSize,
                                 RetryPolicy retries) {

    /**
     * Validates the settings.
     *
     * @param threads      at least 1
     * @param gracePeriod  not negative
     * @param pollInterval positive
     * @param batchSize    at least 1
     * @param retries      the policy for failing handlers
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public DispatcherSettings {
        requireNonNull(gracePeriod, "gracePeriod");
        requireNonNull(pollInterval, "pollInterval");
        requireNonNull(retries, "retries");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
        }
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative, but was " + gracePeriod);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, but was " + pollInterval);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, but was " + batchSize);
        }
    }

    /**
     * Two threads, a grace period of 5 s, a look every second, 100 events per transaction, and
     * failing handlers tried 10 times with pauses from up to 1 s doubling to up to 5 minutes.
     *
     * @return the default settings
     */
    public static DispatcherSettings defaults() {
        return new DispatcherSettings(2, Duration.ofSeconds(5), Duration.ofSeconds(1), 100,
                new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(5)));
    }

    /**
     * These settings with another grace period.
     *
     * @param gracePeriod the new grace period
     * @return the new settings
     */
    public DispatcherSettings withGracePeriod(Duration gracePeriod) {
        return new DispatcherSettings(threads, gracePeriod, pollInterval, batchSize, retries);
    }

    /**
     * These settings with another poll interval.
     *
     * @param pollInterval the new interval
     * @return the new settings
     */
    public DispatcherSettings withPollInterval(Duration pollInterval) {
        return new DispatcherSettings(threads, gracePeriod, pollInterval, batchSize, retries);
    }

    /**
     * These settings with another retry policy for failing handlers.
     *
     * @param retries the new policy
     * @return the new settings
     */
    public DispatcherSettings withRetries(RetryPolicy retries) {
        return new DispatcherSettings(threads, gracePeriod, pollInterval, batchSize, retries);
    }

    /**
     * These settings with another number of threads.
     *
     * @param threads the new number
     * @return the new settings
     */
    public DispatcherSettings withThreads(int threads) {
        return new DispatcherSettings(threads, gracePeriod, pollInterval, batchSize, retries);
    }
}
