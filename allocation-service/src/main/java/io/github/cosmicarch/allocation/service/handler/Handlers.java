package io.github.cosmicarch.allocation.service.handler;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DuplicateBatch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.model.UnknownBatch;
import io.github.cosmicarch.allocation.domain.port.Products;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.service.port.AllocationsProjection;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import io.github.cosmicarch.allocation.service.port.Notifications;
import java.util.Optional;
import java.util.UUID;

/**
 * The handlers of the allocation service: the command handlers that change products, and the
 * event handlers that react to what changed. Each is a plain function of its message and of what
 * it needs; the {@link io.github.cosmicarch.allocation.service.bootstrap.Bootstrap} binds the
 * dependencies and registers them with the bus.
 */
public final class Handlers {

    private Handlers() {}

    /**
     * Adds a batch, creating its product when the sku is new, and commits.
     *
     * @param command the batch to add
     * @param uow     the unit of work
     * @return nothing
     * @throws DuplicateBatch when any product already has a batch with that reference; nothing is
     *                        written
     */
    public static Void addBatch(CreateBatch command, UnitOfWork uow) {
        Products products = uow.products();
        Optional<Product> stocked = products.getForNewBatch(command.sku(), command.reference());
        if (products.getByBatchReference(command.reference()).isPresent()) {
            throw new DuplicateBatch(command.reference());
        }
        Product product = stocked.orElseGet(() -> {
            Product created = new Product(command.sku());
            products.add(created);
            return created;
        });
        product.addBatch(new Batch(command.reference(), command.sku(), command.quantity(), command.eta().orElse(null)));
        uow.commit();
        return null;
    }

    /**
     * Allocates an order line and commits.
     *
     * @param command the line to allocate
     * @param uow     the unit of work
     * @return the reference of the batch chosen, or empty when the product is out of stock
     * @throws InvalidSku when no product has the line's sku; nothing is written
     */
    public static Optional<String> allocate(Allocate command, UnitOfWork uow) {
        Products products = uow.products();
        OrderLine line = command.line();
        Product product = products.getFor(line).orElseThrow(() -> new InvalidSku(command.sku()));
        Optional<String> batchReference = product.allocate(line, products.allocationsOf(line));
        uow.commit();
        return batchReference;
    }

    /**
     * Changes the purchased quantity of a batch and commits; lines that no longer fit are
     * deallocated, and their {@link Deallocated} events follow.
     *
     * @param command the batch and its new quantity
     * @param uow     the unit of work
     * @return nothing
     * @throws UnknownBatch when no product has a batch with that reference; nothing is written
     */
    public static Void changeBatchQuantity(ChangeBatchQuantity command, UnitOfWork uow) {
        Products products = uow.products();
        Product product = products.getByBatchReference(command.reference())
                .orElseThrow(() -> new UnknownBatch(command.reference()));
        boolean givesLinesBack = command.quantity() < product.batch(command.reference())
                .orElseThrow(() -> new UnknownBatch(command.reference())).allocatedQuantity();
        Allocations lines = givesLinesBack ? products.allocationsIn(command.reference()) : Allocations.none();
        product.changeBatchQuantity(command.reference(), command.quantity(), lines);
        uow.commit();
        return null;
    }

    /**
     * Allocates a deallocated line again, as an {@link Allocate} in the event's own unit of work.
     *
     * @param event the line that lost its batch
     * @param uow   the unit of work
     */
    public static void reallocate(Deallocated event, UnitOfWork uow) {
        allocate(new Allocate(event.line()), uow);
    }

    /**
     * Tells the stock team that a product ran out.
     *
     * @param event         the product that ran out
     * @param notifications how to reach people
     * @param address       whom to tell
     */
    public static void sendOutOfStockNotification(OutOfStock event, Notifications notifications, String address) {
        notifications.send(address, "Out of stock for " + event.sku());
    }

    /**
     * Tells other systems about an allocation.
     *
     * @param event     the allocation
     * @param eventId   its stable id, for receivers to recognise a repeat
     * @param publisher how to reach other systems
     */
    public static void publishAllocatedEvent(Allocated event, UUID eventId, EventPublisher publisher) {
        publisher.publish(event, eventId);
    }

    /**
     * Adds an allocation to the read model.
     *
     * @param event      the allocation
     * @param projection the read model's writer
     */
    public static void addAllocationToReadModel(Allocated event, AllocationsProjection projection) {
        projection.handle(event);
    }

    /**
     * Removes a deallocated line from the read model.
     *
     * @param event      the deallocation
     * @param projection the read model's writer
     */
    public static void removeAllocationFromReadModel(Deallocated event, AllocationsProjection projection) {
        projection.handle(event);
    }
}
