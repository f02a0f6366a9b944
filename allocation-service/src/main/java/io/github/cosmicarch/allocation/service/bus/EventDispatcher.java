package io.github.cosmicarch.allocation.service.bus;

import io.github.cosmicarch.allocation.service.outbox.CallerTransaction;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.lang.System.Logger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sees every stored event through to every handler registered for it, at least once, whatever
 * crashes, failing databases or absent brokers come in between. Its parts each do one job:
 *
 * <ul>
 *   <li>{@code InlineHandlers}: right after a commit, the thread that committed runs the event's
 *       {@linkplain EventHandler unit-of-work handlers}, as the book's bus does;</li>
 *   <li>{@code EffectLanes}: effects threads run the {@linkplain EffectHandler effects}, so that
 *       the answer to a command never waits for a broker or a mail server;</li>
 *   <li>{@code Poller}: what is not done a grace period after it was stored is found in the
 *       outbox and done, by any of the processes that share the database;</li>
 *   <li>{@code RetrySchedule}: a failing handler is tried again after a growing pause, and parked
 *       after the policy's last attempt;</li>
 *   <li>{@code Outages}: an effect failing for longer than a poll interval is tried early at each
 *       look, and once it works again its waiting events are all due at once;</li>
 *   <li>{@code ParkedEvents}: an operator lists parked handlers ({@link #parked}), runs one
 *       again ({@link #replay}) or gives it up ({@link #discard}).</li>
 * </ul>
 *
 * <p>A handler sees a product's events of one type in the order they were stored. The application
 * starts the dispatcher with {@link #start()} and stops it with {@link #close()}; until it is
 * started, effects wait in the outbox. With storage that is not
 * {@linkplain UnitOfWorkFactory#isDurable() durable}, such as memory, the thread that committed
 * runs the effects too, before the bus returns; the dispatcher then only retries what failed.
 */
public final class EventDispatcher implements AutoCloseable {

    private final InlineHandlers inline;
    private final EffectLanes effects;
    private final Poller poller;
    private final ParkedEvents parked;
    private final Consumer<RecordedEvent> afterCommit;
    private final Map<Class<?>, List<String>> handlerNames;
    private final Clock clock;
    private boolean started;
    private volatile boolean running;

    EventDispatcher(UnitOfWorkFactory unitsOfWork, Attempts attempts, Map<Class<?>, List<Subscription>> handlers,
                    DispatcherSettings settings, BusObserver observer, Logger log, Clock clock) {
        Subscriptions subscriptions = new Subscriptions(handlers);
        RetrySchedule schedule = new RetrySchedule(subscriptions, settings.retries(), observer, log, clock);
        this.handlerNames = Map.copyOf(subscriptions.names());
        Outages outages = new Outages(settings.pollInterval());
        this.inline = new InlineHandlers(unitsOfWork, attempts, subscriptions, schedule, log);
        this.effects = new EffectLanes(unitsOfWork, subscriptions, schedule, settings, outages, log);
        this.poller = new Poller(unitsOfWork, subscriptions, inline, effects, schedule, settings, outages, log);
        this.parked = new ParkedEvents(unitsOfWork, log);
        this.clock = clock;
        this.afterCommit = unitsOfWork.isDurable() ? effects::handOff : event -> effects.runEffects(List.of(event));
    }

    /**
     * Starts the dispatcher's threads: those that run effects, and the one that looks for what is
     * not done after the grace period.
     *
     * @throws IllegalStateException when it was started before
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("The dispatcher was started before; a dispatcher starts once");
        }
        started = true;
        running = true;
        effects.start();
        poller.start();
    }

    /** {@return whether the dispatcher runs: {@code true} between {@link #start()} and {@link #close()}} */
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops the threads once they finish the events at hand; what they had not begun stays in the
     * outbox for the next start, here or in another process.
     */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        List<Thread> threads = new ArrayList<>(effects.stop());
        threads.add(poller.stop());
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The names of the handlers of each event type, in the order they run, as kept with each
     * event's progress: for an observer that reports per handler from the start.
     *
     * @return the names by event type
     */
    public Map<Class<?>, List<String>> handlerNames() {
        return handlerNames;
    }

    /**
     * Events with a parked handler, oldest first, for an operator to look at.
     *
     * @param limit the most events listed, at least 1
     * @return the events, with every handler's progress
     */
    public List<PendingEvent> parked(int limit) {
        return parked.list(limit);
    }

    /**
     * Gives a parked handler a new chance: the dispatcher runs it again at its next look.
     *
     * @param eventId the event
     * @param handler the handler's name
     * @return {@code true} when that handler was parked for that event
     */
    public boolean replay(UUID eventId, String handler) {
        return parked.replay(eventId, handler);
    }

    /**
     * Gives up a parked handler for good, as an operator decides when its effect is no longer
     * wanted or was made by hand: it counts as done, and the event is forgotten once every handler
     * is. Logged as a warning.
     *
     * @param eventId the event
     * @param handler the handler's name
     * @return {@code true} when that handler was parked for that event
     */
    public boolean discard(UUID eventId, String handler) {
        return parked.discard(eventId, handler);
    }

    /**
     * What the dispatcher has yet to do: the events that are due, a grace period after they were
     * stored, with a handler not done. Counts the first such event of each product and event type,
     * since the others wait behind it; for a health check.
     *
     * @param limit the most events counted, at least 1
     * @return how many, at most {@code limit}
     */
    public int backlog(int limit) {
        return poller.backlog(limit);
    }

    /**
     * How long the oldest pending event has waited for a handler since it was stored: how far
     * behind the dispatcher is; for a gauge.
     *
     * @return its age; zero when no event is pending
     */
    public Duration oldestPendingAge() {
        return parked.oldestPendingSince().map(stored -> Duration.between(stored, clock.instant()))
                .filter(age -> !age.isNegative()).orElse(Duration.ZERO);
    }

    /**
     * Looks once for what is due and does it on the calling thread, each product's events of one
     * type in order, up to the first that is not done: what the dispatcher's own thread does every
     * poll interval. For an application that schedules this work itself rather than
     * {@linkplain #start() starting} the dispatcher, and for tests that move a clock by hand.
     *
     * @return how many events it saw through to every handler
     */
    public int dispatchDue() {
        return poller.dispatchDue();
    }

    /**
     * Runs the unit-of-work handlers of the events a commit stored, then hands them to the effects'
     * lanes; or, when storage is not durable, runs their effects at once, on this thread.
     */
    void afterCommit(Deque<RecordedEvent> stored) {
        inline.afterCommit(stored, afterCommit);
    }

    /**
     * Runs the unit-of-work handlers of the events stored in a caller's transaction, in it, and has
     * their effects handed to the lanes once it commits.
     */
    void inCallersTransaction(Deque<RecordedEvent> stored, CallerTransaction transaction) {
        List<RecordedEvent> forEffects = inline.inCallersTransaction(stored);
        transaction.afterCommit(() -> forEffects.forEach(effects::handOff));
    }
}
