package io.github.cosmicarch.allocation.service.bootstrap;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.Handlers;
import io.github.cosmicarch.allocation.service.port.AllocationsProjection;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import io.github.cosmicarch.allocation.service.port.Notifications;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The composition root: wires the allocation service's handlers, with their dependencies, into a
 * {@link MessageBus}. Everything is passed explicitly; nothing is looked up or scanned.
 *
 * <p>Storage is the one thing it cannot guess: the units of work come from an adapter, which
 * either keeps its read model in step itself ({@link #readModelKeptByStorage()}) or leaves it to
 * the bus's handlers ({@link #readModel}). The rest has defaults: notifications go to the log
 * (logger {@code allocation.notifications}, level INFO), and so do published events (logger
 * {@code allocation.events}, level DEBUG); out-of-stock notices go to
 * {@value #DEFAULT_OUT_OF_STOCK_ADDRESS}. How the bus itself runs (retries, dispatcher, observer)
 * is set on the {@link MessageBus.Builder} that {@link #messageBus()} answers.
 *
 * <pre>{@code
 * MessageBus bus = Bootstrap.builder()
 *         .unitsOfWork(database)
 *         .readModelKeptByStorage()
 *         .messageBus()
 *         .retryPolicy(RetryPolicy.defaults())
 *         .build();
 * }</pre>
 */
public final class Bootstrap {

    /** Where out-of-stock notifications go unless told otherwise, as in the book. */
    public static final String DEFAULT_OUT_OF_STOCK_ADDRESS = "stock@made.com";

    private static final String PUBLISH_ALLOCATED = "publish_allocated";

    private UnitOfWorkFactory unitsOfWork;
    private AllocationsProjection projection;
    private boolean readModelKeptByStorage;
    private Notifications notifications = Bootstrap::logNotification;
    /** The publishers of allocations, by the name of their effect handler; the log when there is none. */
    private final Map<String, EventPublisher> publishers = new LinkedHashMap<>();
    private String outOfStockAddress = DEFAULT_OUT_OF_STOCK_ADDRESS;
    private boolean groupAllocations;

    private Bootstrap() {}

    /** {@return a new composition, with the defaults} */
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
     * Sets the read model's writer, which the bus's handlers keep up to date after each commit:
     * every {@link Allocated} and {@link Deallocated} is applied to it at least once. This or
     * {@link #readModelKeptByStorage()} is required.
     *
     * @param projection the read model's writer
     * @return this bootstrap
     */
    public Bootstrap readModel(AllocationsProjection projection) {
        this.projection = requireNonNull(projection, "projection");
        this.readModelKeptByStorage = false;
        return this;
    }

    /**
     * Says that the storage adapter writes its read model itself, in the commit that allocates or
     * gives back lines, as both adapters of the library do; the bus then registers no read-model
     * handler. This or {@link #readModel} is required.
     *
     * @return this bootstrap
     */
    public Bootstrap readModelKeptByStorage() {
        this.projection = null;
        this.readModelKeptByStorage = true;
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
     * Sets where allocations are published for other systems, in place of any publisher set
     * before; the log unless set. Its effect handler is named {@code publish_allocated}.
     *
     * @param publisher the publisher adapter
     * @return this bootstrap
     */
    public Bootstrap publisher(EventPublisher publisher) {
        requireNonNull(publisher, "publisher");
        publishers.clear();
        publishers.put(PUBLISH_ALLOCATED, publisher);
        return this;
    }

    /**
     * Adds a publisher of allocations beside the others, such as a broker's beside an audit log:
     * each is an effect handler of its own, named {@code publish_allocated_to_} and the name
     * given, so that one failing is retried without the others publishing again.
     *
     * @param name      the publisher's name, kept with each event's progress: keep it across
     *                  releases
     * @param publisher the publisher adapter
     * @return this bootstrap
     */
    public Bootstrap addPublisher(String name, EventPublisher publisher) {
        requireNonNull(name, "name");
        requireNonNull(publisher, "publisher");
        publishers.put(PUBLISH_ALLOCATED + "_to_" + name, publisher);
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
     * Sets whether allocations of one product that wait in this process at the same time are
     * applied together, in one unit of work and one commit ({@link MessageBus.Builder#groupBy} by
     * sku), with the outcome of allocating them one at a time in the order they arrived. Off
     * unless set, since a lone allocation pays for its queue (ADR 17); turn it on where clients
     * allocate from the same products at once.
     *
     * @param on whether to group
     * @return this bootstrap
     */
    public Bootstrap groupAllocations(boolean on) {
        this.groupAllocations = on;
        return this;
    }

    /**
     * A bus builder with the service's handlers registered, for the bus's own settings (retries,
     * dispatcher, observer, clock) and for an application's handlers of its own.
     *
     * @return the builder, ready to {@link MessageBus.Builder#build() build}
     * @throws IllegalStateException when the units of work or the read model are not set
     */
    public MessageBus.Builder messageBus() {
        if (unitsOfWork == null) {
            throw new IllegalStateException("Bootstrap needs unitsOfWork: storage comes from an adapter, such as"
                    + " new InMemoryDatabase()");
        }
        if (projection == null && !readModelKeptByStorage) {
            throw new IllegalStateException("Bootstrap needs a read model: readModelKeptByStorage() for an adapter"
                    + " that keeps it in its commits, such as InMemoryDatabase and JpaDatabase, or readModel(projection)");
        }
        Notifications notifier = notifications;
        String address = outOfStockAddress;
        MessageBus.Builder bus = MessageBus.builder(unitsOfWork)
                .command(CreateBatch.class, Handlers::addBatch)
                .command(Allocate.class, Handlers::allocate)
                .command(ChangeBatchQuantity.class, Handlers::changeBatchQuantity);
        if (groupAllocations) {
            bus.groupBy(Allocate.class, Allocate::sku);
        }
        if (projection != null) {
            AllocationsProjection view = projection;
            bus.event(Allocated.class, "add_allocation_to_read_model", (event, uow) -> Handlers.addAllocationToReadModel(event, view))
                    .event(Deallocated.class, "remove_allocation_from_read_model",
                            (event, uow) -> Handlers.removeAllocationFromReadModel(event, view));
        }
        bus.event(Deallocated.class, "reallocate", Handlers::reallocate);
        Map<String, EventPublisher> allocations = publishers.isEmpty() ? Map.of(PUBLISH_ALLOCATED, Bootstrap::logPublication) : publishers;
        allocations.forEach((name, events) ->
                bus.effect(Allocated.class, name, (event, id) -> Handlers.publishAllocatedEvent(event, id, events)));
        return bus.effect(OutOfStock.class, "send_out_of_stock_notification",
                        (event, id) -> Handlers.sendOutOfStockNotification(event, notifier, address));
    }

    /**
     * Assembles the message bus with the bus's defaults. Start its
     * {@link MessageBus#dispatcher() dispatcher} for the effects (published events,
     * notifications) to run.
     *
     * @return the bus, ready for any number of threads
     * @throws IllegalStateException when the units of work or the read model are not set
     */
    public MessageBus build() {
        return messageBus().build();
    }

    private static void logPublication(DomainEvent event, UUID id) {
        System.getLogger("allocation.events").log(Level.DEBUG, () -> "Published " + event + " (event " + id + ")");
    }

    private static void logNotification(String destination, String message) {
        Logger log = System.getLogger("allocation.notifications");
        log.log(Level.INFO, () -> "To " + destination + ": " + message);
    }
}
