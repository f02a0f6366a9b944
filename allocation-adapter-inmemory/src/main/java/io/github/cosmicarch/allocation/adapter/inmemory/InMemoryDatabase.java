package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.PendingEvent;
import io.github.cosmicarch.allocation.domain.port.RecordedEvent;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
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
 * Products and the allocations read model held in memory, with the guarantees of a transactional
 * database:
 *
 * <ul>
 *   <li>each unit of work works on its own copies of the products it reads; nothing it does is
 *       seen by others until it commits, and a rollback or a close without commit discards it;</li>
 *   <li>a copy holds a product's batches and totals, not its lines: like the JPA adapter, the
 *       database answers only the lines a decision needs (whether a line is held, the lines of a
 *       batch that shrinks), so an allocation costs the same however many lines the product holds.
 *       When another unit of work committed a change to the product since this one read or last
 *       committed it, that read fails with {@link ConcurrencyConflict}, as its commit would;</li>
 *   <li>a commit is atomic: all the products it changed are written, or none;</li>
 *   <li>a commit fails with {@link ConcurrencyConflict} when a product it changed was committed by
 *       someone else since it was read (its version moved), when a product it created was created
 *       meanwhile, or when a batch reference it uses was taken meanwhile;</li>
 *   <li>a commit stores the events its products recorded in the same atomic step, with what the
 *       unit of work wrote to its {@link io.github.cosmicarch.allocation.domain.port.Outbox}; an
 *       event claimed by one unit of work is not claimed by another until the first ends;</li>
 *   <li>the read model is kept in step by the commits themselves: the lines a commit allocates or
 *       gives back are in {@link #allocationsView()} when it returns, those of a failed or
 *       rolled-back unit of work never are.</li>
 * </ul>
 *
 * <p>Safe for concurrent use by any number of threads.
 */
public final class InMemoryDatabase implements UnitOfWorkFactory {

    private final Map<String, ProductEntry> products = new ConcurrentHashMap<>();
    private final Map<String, String> skuByBatchReference = new ConcurrentHashMap<>();
    private final InMemoryAllocationsView allocationsView = new InMemoryAllocationsView();
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
    public UnitOfWork start() {
        return new InMemoryUnitOfWork(this);
    }

    /**
     * The read model of allocations, kept in step with the products by every commit.
     *
     * @return the read model
     */
    public AllocationsView allocationsView() {
        return allocationsView;
    }

    /**
     * A bootstrap with this database as its storage and read model (kept by the commits, so the
     * bus registers no read-model handler); everything else has the bootstrap's defaults until set.
     *
     * @return the bootstrap, ready to {@link Bootstrap#build() build}
     */
    public Bootstrap bootstrap() {
        return Bootstrap.builder().unitsOfWork(this).allocationsViewKeptByStorage(allocationsView);
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
            Map<String, Set<String>> stillHoldingByOrder = entry.commit(product, change.linesBuiltIn(), change.newEvents());
            if (created) {
                products.put(product.sku(), entry);
            }
            product.batches().forEach(batch -> skuByBatchReference.put(batch.reference(), product.sku()));
            change.newEvents().forEach(event -> keepViewInStep(event, stillHoldingByOrder));
        }
    }

    synchronized List<PendingEvent> due(Instant storedBefore, Instant now, int limit) {
        return events.due(storedBefore, now, limit);
    }

    synchronized List<PendingEvent> claim(List<UUID> ids, Object owner) {
        return events.claim(ids, owner);
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

    /** An allocation adds its row; a line given back drops the rows of batches holding no line of its order any more. */
    private void keepViewInStep(DomainEvent event, Map<String, Set<String>> stillHoldingByOrder) {
        if (event instanceof Allocated allocated) {
            allocationsView.add(allocated.orderId(), allocated.sku(), allocated.batchReference());
        } else if (event instanceof Deallocated deallocated) {
            allocationsView.keepOnly(deallocated.orderId(), deallocated.sku(), stillHoldingByOrder.get(deallocated.orderId()));
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
