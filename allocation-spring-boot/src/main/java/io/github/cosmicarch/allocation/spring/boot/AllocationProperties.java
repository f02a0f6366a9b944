package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code allocation.*} properties: how the message bus retries conflicts, how its dispatcher
 * runs, where out-of-stock notices go and whether the library migrates its tables. The defaults are
 * those of the plain-Java {@code Bootstrap}.
 *
 * @param retry              how a command or event handler that met a concurrency conflict is retried
 * @param dispatcher         how the event dispatcher runs effects and takes up what was left undone
 * @param outOfStockAddress  where out-of-stock notifications are sent
 * @param migrations         the library's schema migrations
 * @param groupAllocations   whether allocations of one product that wait at the same time are
 *                           applied together, in one unit of work and one commit
 * @param productsKept       how much of the products it read or committed the JPA units of work
 *                           keep between units of work, products and batches each counting one;
 *                           0 keeps nothing
 */
@ConfigurationProperties("allocation")
public record AllocationProperties(@DefaultValue Retry retry, @DefaultValue Dispatcher dispatcher,
                                   @DefaultValue("stock@made.com") String outOfStockAddress,
                                   @DefaultValue Migrations migrations,
                                   @DefaultValue("false") boolean groupAllocations,
                                   @DefaultValue("100000") int productsKept) {

    /**
     * Retries of work that met a concurrency conflict.
     *
     * @param maxAttempts  attempts in all, the first included
     * @param firstBackoff the longest pause before the first retry
     * @param maxBackoff   the longest pause before any retry
     */
    public record Retry(@DefaultValue("10") int maxAttempts, @DefaultValue("1ms") Duration firstBackoff,
                        @DefaultValue("50ms") Duration maxBackoff) {

        RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff);
        }
    }

    /**
     * The event dispatcher.
     *
     * @param enabled      whether the dispatcher starts with the application context; when it
     *                     does not, effects wait in the outbox for one that does
     * @param threads      threads that run effects
     * @param gracePeriod  how long after it was stored an event is left to the committing thread
     * @param pollInterval how often the dispatcher looks for what is due
     * @param batchSize    the most events one of its transactions claims
     * @param retries      how a failing handler is retried before it is parked
     */
    public record Dispatcher(@DefaultValue("true") boolean enabled, @DefaultValue("2") int threads,
                             @DefaultValue("5s") Duration gracePeriod, @DefaultValue("1s") Duration pollInterval,
                             @DefaultValue("100") int batchSize, @DefaultValue HandlerRetries retries) {

        DispatcherSettings settings() {
            return new DispatcherSettings(threads, gracePeriod, pollInterval, batchSize,
                    new RetryPolicy(retries.maxAttempts(), retries.firstBackoff(), retries.maxBackoff()));
        }
    }

    /**
     * Retries of a failing event handler; after the last attempt it is parked.
     *
     * @param maxAttempts  attempts in all, the first included
     * @param firstBackoff the longest pause before the first retry
     * @param maxBackoff   the longest pause before any retry
     */
    public record HandlerRetries(@DefaultValue("10") int maxAttempts, @DefaultValue("1s") Duration firstBackoff,
                                 @DefaultValue("5m") Duration maxBackoff) {}

    /**
     * The library's schema migrations.
     *
     * @param enabled whether the library migrates its own tables, with its own Flyway history
     *                table, before the {@code EntityManagerFactory} starts
     */
    public record Migrations(@DefaultValue("true") boolean enabled) {}
}
