package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code allocation.*} properties: how the message bus retries conflicts, how its dispatcher
 * runs, where out-of-stock notices go and whether the library migrates its tables. The defaults are
 * those of the plain-Java {@code Bootstrap}, but for the out-of-stock address, which is on a
 * domain reserved for examples. Each value is checked when bound, before any other bean is
 * created, and a value out of range stops the application with a message naming the property.
 *
 * @param retry              How a command or event handler that met a concurrency conflict is retried.
 * @param dispatcher         How the event dispatcher runs effects and takes up what was left undone.
 * @param outOfStockAddress  Where out-of-stock notifications are sent.
 * @param migrations         How the library migrates its own tables.
 * @param groupAllocations   Whether allocations of one product that wait at the same time are
 *                           applied together, in one unit of work and one commit.
 * @param groupsAtOnce       With allocations grouped, how many groups are applied at once; while
 *                           that many are, allocations of other products wait and share the next
 *                           group. 0, the default, sets no limit.
 * @param productsKept       How much of the products it read or committed the JPA units of work
 *                           keep between units of work, products and batches each counting one;
 *                           0 keeps nothing.
 * @param applicationEvents  Whether the library's events are published as Spring application
 *                           events after the commits that stored them.
 * @param health             How the dispatcher's health is reported.
 */
@ConfigurationProperties("allocation")
public record AllocationProperties(@DefaultValue Retry retry, @DefaultValue Dispatcher dispatcher,
                                   @DefaultValue("stock@example.com") String outOfStockAddress,
                                   @DefaultValue Migrations migrations,
                                   @DefaultValue("false") boolean groupAllocations,
                                   @DefaultValue("0") int groupsAtOnce,
                                   @DefaultValue("100000") int productsKept,
                                   @DefaultValue("true") boolean applicationEvents,
                                   @DefaultValue Health health) {

    /**
     * Checks the values that are not in a group of their own, naming the property of any out of range.
     *
     * @param retry              How a command or event handler that met a concurrency conflict is retried.
     * @param dispatcher         How the event dispatcher runs effects and takes up what was left undone.
     * @param outOfStockAddress  Where out-of-stock notifications are sent.
     * @param migrations         How the library migrates its own tables.
     * @param groupAllocations   Whether allocations of one product that wait at the same time are
     *     applied together, in one unit of work and one commit.
     * @param groupsAtOnce       With allocations grouped, how many groups are applied at once; while
     *     that many are, allocations of other products wait and share the next group. 0, the
     *     default, sets no limit.
     * @param productsKept       How much of the products it read or committed the JPA units of work
     *     keep between units of work, products and batches each counting one;
     *     0 keeps nothing.
     * @param applicationEvents  Whether the library's events are published as Spring application
     *     events after the commits that stored them.
     * @param health             How the dispatcher's health is reported.
     */
    public AllocationProperties {
        require(outOfStockAddress != null && !outOfStockAddress.isBlank(), "allocation.out-of-stock-address",
                "must not be blank", outOfStockAddress);
        require(groupsAtOnce >= 0, "allocation.groups-at-once", "must be at least 0", groupsAtOnce);
        require(productsKept >= 0, "allocation.products-kept", "must be at least 0", productsKept);
    }

    /** Refuses a value, naming its property, when the rule does not hold. */
    static void require(boolean holds, String property, String rule, Object value) {
        if (!holds) {
            throw new IllegalArgumentException(property + " " + rule + ", but was " + value);
        }
    }

    /** Checks the retries under a prefix. */
    static void requireRetries(String prefix, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        require(maxAttempts >= 1, prefix + ".max-attempts", "must be at least 1", maxAttempts);
        require(!firstBackoff.isNegative(), prefix + ".first-backoff", "must not be negative", firstBackoff);
        require(maxBackoff.compareTo(firstBackoff) >= 0, prefix + ".max-backoff",
                "must be at least " + prefix + ".first-backoff (" + firstBackoff + ")", maxBackoff);
    }

    /**
     * Retries of work that met a concurrency conflict.
     *
     * @param maxAttempts  How many attempts are made in all, the first included.
     * @param firstBackoff How long it pauses at most before the first retry.
     * @param maxBackoff   How long it pauses at most before any retry.
     */
    public record Retry(@DefaultValue("10") int maxAttempts, @DefaultValue("1ms") Duration firstBackoff,
                        @DefaultValue("50ms") Duration maxBackoff) {

        /**
         * Checks the values, naming the property of any out of range.
         *
         * @param maxAttempts  How many attempts are made in all, the first included.
         * @param firstBackoff How long it pauses at most before the first retry.
         * @param maxBackoff   How long it pauses at most before any retry.
         */
        public Retry {
            requireRetries("allocation.retry", maxAttempts, firstBackoff, maxBackoff);
        }

        RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff);
        }
    }

    /**
     * The event dispatcher.
     *
     * @param enabled      Whether the dispatcher starts with the application context; when it
     *                     does not, effects wait in the outbox for one that does.
     * @param threads      How many threads run effects.
     * @param gracePeriod  How long after it was stored an event is left to the committing thread.
     * @param pollInterval How often the dispatcher looks for what is due.
     * @param batchSize    How many events one of its transactions claims at most.
     * @param retries      How a failing handler is retried before it is parked.
     */
    public record Dispatcher(@DefaultValue("true") boolean enabled, @DefaultValue("2") int threads,
                             @DefaultValue("5s") Duration gracePeriod, @DefaultValue("1s") Duration pollInterval,
                             @DefaultValue("100") int batchSize, @DefaultValue HandlerRetries retries) {

        /**
         * Checks the values, naming the property of any out of range.
         *
         * @param enabled      Whether the dispatcher starts with the application context; when it
         *     does not, effects wait in the outbox for one that does.
         * @param threads      How many threads run effects.
         * @param gracePeriod  How long after it was stored an event is left to the committing thread.
         * @param pollInterval How often the dispatcher looks for what is due.
         * @param batchSize    How many events one of its transactions claims at most.
         * @param retries      How a failing handler is retried before it is parked.
         */
        public Dispatcher {
            require(threads >= 1, "allocation.dispatcher.threads", "must be at least 1", threads);
            require(!gracePeriod.isNegative(), "allocation.dispatcher.grace-period", "must not be negative", gracePeriod);
            require(!pollInterval.isNegative() && !pollInterval.isZero(), "allocation.dispatcher.poll-interval", "must be positive", pollInterval);
            require(batchSize >= 1, "allocation.dispatcher.batch-size", "must be at least 1", batchSize);
        }

        DispatcherSettings settings() {
            return new DispatcherSettings(threads, gracePeriod, pollInterval, batchSize,
                    new RetryPolicy(retries.maxAttempts(), retries.firstBackoff(), retries.maxBackoff()));
        }
    }

    /**
     * Retries of a failing event handler; after the last attempt it is parked.
     *
     * @param maxAttempts  How many attempts are made in all, the first included.
     * @param firstBackoff How long it pauses at most before the first retry.
     * @param maxBackoff   How long it pauses at most before any retry.
     */
    public record HandlerRetries(@DefaultValue("10") int maxAttempts, @DefaultValue("1s") Duration firstBackoff,
                                 @DefaultValue("5m") Duration maxBackoff) {

        /**
         * Checks the values, naming the property of any out of range.
         *
         * @param maxAttempts  How many attempts are made in all, the first included.
         * @param firstBackoff How long it pauses at most before the first retry.
         * @param maxBackoff   How long it pauses at most before any retry.
         */
        public HandlerRetries {
            requireRetries("allocation.dispatcher.retries", maxAttempts, firstBackoff, maxBackoff);
        }
    }

    /**
     * How the library migrates its own tables.
     *
     * @param enabled Whether the library migrates its own tables, with its own Flyway history
     *                table, before the {@code EntityManagerFactory} starts.
     */
    public record Migrations(@DefaultValue("true") boolean enabled) {}

    /**
     * The dispatcher's health.
     *
     * @param downWhenParked Whether a parked handler turns the application's health down; when it
     *                       does not, the parked events are reported as details and by a gauge.
     */
    public record Health(@DefaultValue("false") boolean downWhenParked) {}
}
