package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.EventDispatcher;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The event dispatcher's health: down when a handler is parked (an event that needs an operator's
 * {@link EventDispatcher#replay}), with the parked events and the backlog of due work as details.
 */
public final class DispatcherHealthIndicator implements HealthIndicator {

    /** The most events counted for the details. */
    static final int COUNTED = 1_000;

    private final EventDispatcher dispatcher;

    /**
     * Creates the indicator.
     *
     * @param dispatcher the dispatcher it reports on
     */
    public DispatcherHealthIndicator(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Health health() {
        int parked = dispatcher.parked(COUNTED).size();
        Health.Builder health = parked == 0 ? Health.up() : Health.down();
        return health.withDetail("parked", parked)
                .withDetail("backlog", dispatcher.backlog(COUNTED))
                .withDetail("running", dispatcher.isRunning())
                .build();
    }
}
