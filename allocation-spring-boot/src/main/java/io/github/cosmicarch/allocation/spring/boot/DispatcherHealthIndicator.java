package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.EventDispatcher;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The event dispatcher's health: the events with a parked handler (which need an operator's
 * {@link EventDispatcher#replay}), the backlog of due work and whether the dispatcher runs, as
 * details. A parked handler is reported but leaves the status up, since every instance sharing the
 * database would otherwise be taken out of service for one event; unless the application asks for
 * down ({@code allocation.health.down-when-parked}).
 */
public final class DispatcherHealthIndicator implements HealthIndicator {

    /** The most events counted for the details. */
    static final int COUNTED = 1_000;

    private final EventDispatcher dispatcher;
    private final boolean downWhenParked;

    /**
     * Creates the indicator.
     *
     * @param dispatcher     the dispatcher it reports on
     * @param downWhenParked whether a parked handler turns the status down
     */
    public DispatcherHealthIndicator(EventDispatcher dispatcher, boolean downWhenParked) {
        this.dispatcher = dispatcher;
        this.downWhenParked = downWhenParked;
    }

    @Override
    public Health health() {
        int parked = dispatcher.parked(COUNTED).size();
        Health.Builder health = parked > 0 && downWhenParked ? Health.down() : Health.up();
        return health.withDetail("parked", parked)
                .withDetail("backlog", dispatcher.backlog(COUNTED))
                .withDetail("running", dispatcher.isRunning())
                .build();
    }
}
