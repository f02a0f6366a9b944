package io.github.cosmicarch.allocation.service.bootstrap;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.Handlers;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import io.github.cosmicarch.allocation.service.port.Notifications;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;

/**
 * The composition root: wires the allocation service's handlers, with their dependencies, into a
 * {@link MessageBus}. Everything is passed explicitly; nothing is looked up or scanned.
 *
 * <p>Storage is the one thing it cannot guess: the units of work and the read model come from an
 * adapter (the in-memory adapter offers a bootstrap that sets both). The rest has defaults:
 * notifications go to the log (logger {@code allocation.notifications}, level INFO), and so do
 * published events (logger {@code allocation.events}, level DEBUG); out-of-stock notices go to
 * {@value #DEFAULT_OUT_OF_STOCK_ADDRESS}; conflicts are retried with {@link RetryPolicy#defaults()}.
 */
public final class Bootstrap {

    /** Where out-of-stock notifications go unless told otherwise, as in the book. */
    public static final String DEFAULT_OUT_OF_STOCK_ADDRESS = "stock@made.com";

    private UnitOfWorkFactory unitsOfWork;
    private AllocationsView allocationsView;
    private boolean viewKeptByStorage;
    private Notifications notifications = Bootstrap::logNotification;
    private EventPublisher publisher = (event, id) ->
            System.getLogger("allocation.events").log(Level.DEBUG, () -> "Published " + event + " (event " + id + ")");
    private String outOfStockAddress = DEFAULT_OUT_OF_STOCK_ADDRESS;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private BusObserver observer = BusObserver.NONE;
    private DispatcherSettings dispatcherSettings = DispatcherSettings.defaults();
    private boolean groupAllocations;

    private Bootstrap() {}

    /**
     * Starts a composition.
     *
     * @return a bootstrap with the defaults
     */
    public static Bootstrap builder() {
        return new Bootstrap();
    }

    /**
     * Sets where units of work come from; one is started for every handler call. Required.
     *
     * @param unitsOfWork the storage adapter's factory
     * @return this bootstrap
     */
    public Bootstrap unitsOfWork(UnitOfWorkFactory unitsOfWork) {
        this.unitsOfWork = requireNonNull(unitsOfWork, "unitsOfWork");
        return this;
    }

    /**
     * Sets the read model, kept up to date by the bus: an event handler adds each {@link Allocated}
     * line to it and removes each {@link Deallocated} one, after the command's unit of work
     * committed. This or {@link #allocationsViewKeptByStorage} is required. Not for a view that the
     * storage keeps itself, such as those of {@code InMemoryDatabase} and {@code JpaDatabase}: it
     * would be kept twice, and a late handler could bring back a row the storage just removed.
     *
     * @param allocationsView the read model
     * @return this bootstrap
     */
    public Bootstrap allocationsView(AllocationsView allocationsView) {
        this.allocationsView = requireNonNull(allocationsView, "allocationsView");
        this.viewKeptByStorage = false;
        return this;
    }

    /**
     * Sets a read model that the storage adapter keeps up to date itself, in the very commit that
     * allocates or gives back lines, so that it never lags behind nor misses an allocation; the bus
     * then registers no read-model handler. Both adapters of the library do this for their own
     * views ({@code InMemoryDatabase.bootstrap()}, {@code JpaDatabase.bootstrap()}). This or
     * {@link #allocationsView} is required.
     *
     * @param allocationsView the read model the units of work keep in step
     * @return this bootstrap
     */
    public Bootstrap allocationsViewKeptByStorage(AllocationsView allocationsView) {
        this.allocationsView = requireNonNull(allocationsView, "allocationsView");
        this.viewKeptByStorage = true;
        return this;
    }

    /**
     * Sets how people are notified; the log unless set.
     *
     * @param notifications the notifications adapter
     * @return this bootstrap
     */
    public Bootstrap notifications(Notifications notifications) {
        this.notifications = requireNonNull(notifications, "notifications");
        return this;
    }

    /**
     * Sets where allocations are published for other systems; the log unless set.
     *
     * @param publisher the publisher adapter
     * @return this bootstrap
     */
    public Bootstrap publisher(EventPublisher publisher) {
        this.publisher = requireNonNull(publisher, "publisher");
        return this;
    }

    /**
     * Sets who is told when a product runs out of stock.
     *
     * @param address the destination of out-of-stock notifications, not blank
     * @return this bootstrap
     */
    public Bootstrap outOfStockAddress(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("outOfStockAddress must not be blank, but was "
                    + (address == null ? "null" : '"' + address + '"'));
        }
        this.outOfStockAddress = address;
        return this;
    }

    /**
     * Sets how concurrency conflicts are retried.
     *
     * @param retryPolicy the policy
     * @return this bootstrap
     */
    public Bootstrap retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy");
        return this;
    }

    /**
     * Sets who hears of commands, conflicts and parked handlers, for metrics, health or tests.
     *
     * @param observer the observer
     * @return this bootstrap
     */
    public Bootstrap observer(BusObserver observer) {
        this.observer = requireNonNull(observer, "observer");
        return this;
    }

    /**
     * Sets how the bus's dispatcher runs effects and takes up what was left undone:
     * {@link DispatcherSettings#defaults()} unless set.
     *
     * @param dispatcherSettings the settings
     * @return this bootstrap
     */
    public Bootstrap dispatcherSettings(DispatcherSettings dispatcherSettings) {
        this.dispatcherSettings = requireNonNull(dispatcherSettings, "dispatcherSettings");
        return this;
    }

    /**
     * Sets whether allocations of one product that wait in this process at the same time are
     * applied together, in one unit of work and one commit ({@link MessageBus.Builder#groupBy}):
     * on a product many clients allocate from at once, every commit otherwise waits for the one
     * before. Each allocation keeps its answer and its events, and the outcome is that of
     * allocating them one at a time in the order they arrived; a lone allocation is handled as
     * without grouping, at the cost of two updates of a concurrent map (about 0.5 µs: 3 % of an
     * allocation on the in-memory adapter, nothing measurable on a database). Off unless set, so
     * that a single client is never slower; turn it on where clients allocate from the same
     * products at once.
     *
     * @param on whether to group
     * @return this bootstrap
     */
    public Bootstrap groupAllocations(boolean on) {
        this.groupAllocations = on;
        return this;
    }

    /**
     * Assembles the message bus. Start its {@link MessageBus#dispatcher() dispatcher} for the
     * effects (published events, notifications) to run.
     *
     * @return the bus, ready for any number of threads
     * @throws IllegalStateException when the units of work or the read model are not set
     */
    public MessageBus build() {
        if (unitsOfWork == null || allocationsView == null) {
            throw new IllegalStateException("Bootstrap needs " + (unitsOfWork == null ? "unitsOfWork" : "allocationsView")
                    + ": storage comes from an adapter, such as InMemoryDatabase.bootstrap()");
        }
        AllocationsView view = allocationsView;
        Notifications notifier = notifications;
        EventPublisher events = publisher;
        String address = outOfStockAddress;
        MessageBus.Builder bus = MessageBus.builder(unitsOfWork)
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity);
        if (groupAllocations) {
            bus.groupBy(Allocate.class, Allocate::sku);
        }
        if (!viewKeptByStorage) {
            bus.event(Allocated.class, "add_allocation_to_read_model", (event, uow) -> Handlers.addAllocationToReadModel(event, view))
                    .event(Deallocated.class, "remove_allocation_from_read_model",
                            (event, uow) -> Handlers.removeAllocationFromReadModel(event, view));
        }
        return bus.event(Deallocated.class, "reallocate", Handlers::reallocate)
                .effect(Allocated.class, "publish_allocated", (event, id) -> Handlers.publishAllocatedEvent(event, id, events))
                .effect(OutOfStock.class, "send_out_of_stock_notification",
                        (event, id) -> Handlers.sendOutOfStockNotification(event, notifier, address))
                .retryPolicy(retryPolicy)
                .observer(observer)
                .dispatcherSettings(dispatcherSettings)
                .build();
    }

    private static void logNotification(String destination, String message) {
        Logger log = System.getLogger("allocation.notifications");
        log.log(Level.INFO, () -> "To " + destination + ": " + message);
    }
}
