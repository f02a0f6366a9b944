package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.EventDispatcher;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the bus's {@link EventDispatcher} while the application context runs. It starts before the
 * web server and stops after it: requests that the server lets finish on a graceful shutdown still
 * have their effects handed to a running dispatcher, and what it has not begun stays in the outbox
 * for the next start.
 */
public final class DispatcherLifecycle implements SmartLifecycle {

    /** Below the web server's phases, so that it stops after them. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final EventDispatcher dispatcher;

    /**
     * Creates the lifecycle.
     *
     * @param dispatcher the dispatcher it starts and stops
     */
    public DispatcherLifecycle(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void start() {
        dispatcher.start();
    }

    @Override
    public void stop() {
        dispatcher.close();
    }

    @Override
    public boolean isRunning() {
        return dispatcher.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
