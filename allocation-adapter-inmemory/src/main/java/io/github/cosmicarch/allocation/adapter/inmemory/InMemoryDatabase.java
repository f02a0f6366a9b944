package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Products, their lines, the outbox and the allocations read model held in memory, with the
 * guarantees the ports state of a transactional database ({@code UnitOfWork}, {@code Products},
 * {@code OutboxUnitOfWork}, {@code Outbox}): each unit of work works on its own copies of the
 * products it reads, without their lines, and a commit is one atomic step under the database's
 * lock. The read model is written by the commits themselves, by the {@code AllocationsProjection}
 * rule. For tests, demos and anyone who needs no durability; safe for concurrent use.
 *
 * <p>Nothing here outlives the process, so the bus runs a command's effects (notifications,
 * publications) on the calling thread before {@code handle} returns, as the book's tests expect;
 * a started dispatcher only retries those that failed.
 */
public final class InMemoryDatabase implements UnitOfWorkFactory {

    private final Map<String, ProductEntry> products = new ConcurrentHashMap<>();
    private final Map<String, String> skuByBatchReference = new ConcurrentHashMap<>();
    private final InMemoryAllocationsView allocationsView = new InMemoryAllocationsView();
    /** The view's queries alone: only the commits write it. */
    private final AllocationsView queries = allocationsView::allocations;
    private final StoredEvents events = new StoredEvents();
    private final Clock clock;

    /** Creates an empty database that stamps the events it stores with the system's time. */
    public InMemoryDatabase() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty database that stamps the events it stores with the given clock's time, for
     * tests that move time by hand (give the bus the same clock).
     *
     * @param clock the clock
     */
    public InMemoryDatabase(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public OutboxUnitOfWork start() {
        return new InMemoryUnitOfWork(this);
    }

    /** {@return {@code false}: memory does not outlive the process} */
    @Override
    public boolean isDurable() {
        return false;
    }

    /**
     * The read model of allocations, kept in step with the products by every commit: wire the bus
     * with {@code Bootstrap.readModelKeptByStorage()}.
     *
     * @return the read model
     */
    public AllocationsView allocationsView() {
        return queries;
    }

    Optional<ProductEntry> read(String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    Optional<ProductEntry> readByBatchReference(String batchReference) {
        return Optional.ofNullable(skuByBatchReference.get(batchReference))
                .map(products::get)
                .filter(entry -> entry.committed().hasBatch(batchReference));
    }

    /**
     * Writes every change, the events recorded and the outbox writes, or nothing when a change
     * conflicts with what was committed since it was read.
     */
    synchronized void commit(List<Change> changes, List<RecordedEvent> recorded, List<OutboxWrite> outboxWrites) {
        for (Change change : changes) {
            checkNoConflict(change);
        }
        Instant now = clock.instant();
        events.store(recorded, now);
        events.apply(outboxWrites, now);
        for (Change change : changes) {
            StoredProduct product = change.product();
            ProductEntry entry = products.get(product.sku());
            boolean created = entry == null;
            if (created) {
                entry = new ProductEntry(product);
            }
            entry.commit(product, change.events());
            if (created) {
                products.put(product.sku(), entry);
            }
            product.batches().forEach(batch -> skuByBatchReference.put(batch.reference(), product.sku()));
            change.events().forEach(this::keepViewInStep);
        }
    }

    synchronized List<PendingEvent> due(Instant storedBefore, Instant now, int limit) {
        return events.due(storedBefore, now, limit);
    }

    synchronized List<PendingEvent> claim(List<UUID> ids, Set<String> handlers, Object owner) {
        return events.claim(ids, handlers, owner);
    }

    synchronized void release(Object owner) {
        events.release(owner);
    }

    synchronized boolean isParked(UUID id, String handler) {
        return events.isParked(id, handler);
    }

    synchronized List<PendingEvent> parked(int limit) {
        return events.parked(limit);
    }

    synchronized List<PendingEvent> retrying(String handler, int limit) {
        return events.retrying(handler, limit);
    }

    synchronized Optional<Instant> oldestPendingSince() {
        return events.oldestPendingSince();
    }

    /** The read model follows the lines, by the projection's one rule. */
    private void keepViewInStep(DomainEvent event) {
        if (event instanceof Allocated allocated) {
            allocationsView.handle(allocated);
        } else if (event instanceof Deallocated deallocated) {
            allocationsView.handle(deallocated);
        }
    }

    private void checkNoConflict(Change change) {
        String sku = change.product().sku();
        StoredProduct committed = Optional.ofNullable(products.get(sku)).map(ProductEntry::committed).orElse(null);
        if (change.versionRead().isEmpty() && committed != null) {
            throw new ConcurrencyConflict(sku, "Product " + sku + " was created by another unit of work");
        }
        if (change.versionRead().isPresent()
                && (committed == null || committed.version() != change.versionRead().getAsLong())) {
            throw new ConcurrencyConflict(sku, "Product " + sku + " was read at version "
                    + change.versionRead().getAsLong() + " but is now at version "
                    + (committed == null ? "none" : committed.version()));
        }
        for (StoredProduct.StoredBatch batch : change.product().batches()) {
            String owner = skuByBatchReference.get(batch.reference());
            if (owner != null && !owner.equals(sku)) {
                throw new ConcurrencyConflict(sku, "Batch reference " + batch.reference()
                        + " was taken by product " + owner + " in another unit of work");
            }
        }
    }
}
