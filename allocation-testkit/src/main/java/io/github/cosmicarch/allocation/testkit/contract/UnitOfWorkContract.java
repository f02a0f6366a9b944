package io.github.cosmicarch.allocation.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Allocations;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OutboxUnitOfWork} and its {@link io.github.cosmicarch.allocation.domain.port.Products}:
 * what the service layer relies on from any storage adapter. Extend it and implement
 * {@link #unitsOfWork()}:
 *
 * <pre>{@code
 * class MyUnitOfWorkTest extends UnitOfWorkContract {
 *     private static final MyDatabase DATABASE = MyDatabase.forTests();
 *
 *     @Override
 *     protected UnitOfWorkFactory unitsOfWork() {
 *         return DATABASE::newUnitOfWork;
 *     }
 * }
 * }</pre>
 */
public abstract class UnitOfWorkContract {

    private static final LocalDate ETA = LocalDate.of(2026, 12, 1);

    private final UniqueIds ids = new UniqueIds();
    private final String sku = ids.of("SKU");
    private final String batchReference = ids.of("batch");

    /** Creates the contract. */
    protected UnitOfWorkContract() {}

    /**
     * The adapter under test. Called once per test; may answer the same factory every time.
     *
     * @return a factory of units of work on the adapter's storage
     */
    protected abstract UnitOfWorkFactory unitsOfWork();

    /** A product created and committed in one unit of work is there, whole, in the next. */
    @Test
    public void commitPersistsANewProductWithItsBatches() {
        inUnitOfWork(uow -> {
            Product product = new Product(sku);
            product.addBatch(new Batch(batchReference, sku, 100, ETA));
            uow.products().add(product);
            uow.commit();
        });

        Product read = committed(sku).orElseThrow(() -> new AssertionError("the committed product is not found"));
        Batch batch = read.batch(batchReference).orElseThrow(() -> new AssertionError("the batch is not found"));
        assertEquals(100, batch.purchasedQuantity());
        assertEquals(Optional.of(ETA), batch.eta());
        assertEquals(1, read.version());
    }

    /** Allocations, quantities and the version come back as committed. */
    @Test
    public void commitPersistsChangesToAProduct() {
        givenAProductWithOneBatch(100);

        inUnitOfWork(uow -> {
            Product product = uow.products().get(sku).orElseThrow();
            StorageSteps.allocate(uow, new OrderLine(ids.of("order"), sku, 10));
            product.changeBatchQuantity(batchReference, 50, uow.products().allocationsIn(batchReference));
            uow.commit();
        });

        Product read = committed(sku).orElseThrow();
        Batch batch = read.batch(batchReference).orElseThrow();
        assertEquals(10, batch.allocatedQuantity());
        assertEquals(50, batch.purchasedQuantity());
        assertEquals(3, read.version());
    }

    /** Closing a unit of work without commit discards what it did. */
    @Test
    public void closeWithoutCommitRollsBack() {
        givenAProductWithOneBatch(100);

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            StorageSteps.allocate(uow, new OrderLine(ids.of("order"), sku, 10));
            uow.products().add(new Product(ids.of("OTHER-SKU")));
        }

        assertEquals(0, committed(sku).orElseThrow().batch(batchReference).orElseThrow().allocatedQuantity());
        assertEquals(1, committed(sku).orElseThrow().version());
    }

    /** An exception inside the unit of work leaves nothing behind. */
    @Test
    public void anExceptionRollsBack() {
        String newSku = ids.of("NEW-SKU");

        assertThrows(IllegalStateException.class, () -> {
            try (OutboxUnitOfWork uow = unitsOfWork().start()) {
                uow.products().add(new Product(newSku));
                throw new IllegalStateException("something went wrong before the commit");
            }
        });

        assertEquals(Optional.empty(), committed(newSku));
    }

    /** An explicit rollback discards the changes; the next read sees the committed state. */
    @Test
    public void rollbackDiscardsUncommittedChanges() {
        givenAProductWithOneBatch(100);

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            uow.products().get(sku).orElseThrow().changeBatchQuantity(batchReference, 1);
            uow.rollback();
            assertEquals(100, uow.products().get(sku).orElseThrow().batch(batchReference).orElseThrow().purchasedQuantity());
        }
    }

    /** What one unit of work changes is invisible to another until it commits. */
    @Test
    public void uncommittedWorkIsInvisibleToOthers() {
        givenAProductWithOneBatch(100);

        try (OutboxUnitOfWork writer = unitsOfWork().start()) {
            writer.products().get(sku).orElseThrow().changeBatchQuantity(batchReference, 7);
            assertEquals(100, committed(sku).orElseThrow().batch(batchReference).orElseThrow().purchasedQuantity());
            writer.commit();
        }
        assertEquals(7, committed(sku).orElseThrow().batch(batchReference).orElseThrow().purchasedQuantity());
    }

    /** A product is found by the reference of any of its batches; an unknown reference finds nothing. */
    @Test
    public void getsAProductByTheReferenceOfAnyOfItsBatches() {
        String secondReference = ids.of("second-batch");
        inUnitOfWork(uow -> {
            Product product = new Product(sku);
            product.addBatch(new Batch(batchReference, sku, 10, null));
            product.addBatch(new Batch(secondReference, sku, 10, ETA));
            uow.products().add(product);
            uow.commit();
        });

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertEquals(sku, uow.products().getByBatchReference(secondReference).orElseThrow().sku());
            assertEquals(sku, uow.products().getByBatchReference(batchReference).orElseThrow().sku());
            assertEquals(Optional.empty(), uow.products().getByBatchReference(ids.of("no-such-batch")));
        }
    }

    /** Within a unit of work, asking twice gives the same product, so changes through either are one change. */
    @Test
    public void aProductAskedForTwiceIsTheSameInstance() {
        givenAProductWithOneBatch(100);

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            Product bySku = uow.products().get(sku).orElseThrow();
            assertTrue(bySku == uow.products().getByBatchReference(batchReference).orElseThrow(),
                    "get and getByBatchReference answered two different instances");
        }
    }

    /** The events a commit stored are collected once, and only once, each with an id of its own. */
    @Test
    public void eventsAreCollectedOnceAndOnlyOnce() {
        givenAProductWithOneBatch(100);
        String orderId = ids.of("order");

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 10));
            uow.commit();

            List<RecordedEvent> stored = uow.collectNewEvents();
            assertEquals(List.of(new Allocated(orderId, sku, 10, batchReference)), eventsOf(stored));
            assertEquals(List.of(), uow.collectNewEvents());
        }
    }

    /** Events recorded but never committed are never stored. */
    @Test
    public void eventsOfAnUncommittedUnitOfWorkAreNotCollected() {
        givenAProductWithOneBatch(100);

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            StorageSteps.allocate(uow, new OrderLine(ids.of("order"), sku, 10));
            uow.rollback();
            assertEquals(List.of(), uow.collectNewEvents());
        }
    }

    /**
     * Two units of work change one product at the same time: exactly one commits, the other conflicts.
     *
     * @throws Exception when a thread fails otherwise or does not finish in time
     */
    @Test
    public void twoConcurrentChangesToOneProductMakeExactlyOneConflict() throws Exception {
        givenAProductWithOneBatch(100);
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<ConcurrencyConflict>>> outcomes = new ArrayList<>();
            for (String orderId : List.of(ids.of("first-order"), ids.of("second-order"))) {
                outcomes.add(threads.submit(() -> allocateAfterBothRead(orderId, bothHaveRead)));
            }
            int conflicts = 0;
            for (Future<Optional<ConcurrencyConflict>> outcome : outcomes) {
                conflicts += outcome.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }

            assertEquals(1, conflicts, "conflicts among two concurrent commits");
            Product read = committed(sku).orElseThrow();
            assertEquals(2, read.version(), "the version went up once");
            assertEquals(10, read.batch(batchReference).orElseThrow().allocatedQuantity(), "units kept");
            assertEquals(1, committedLines(batchReference).size(), "lines kept");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A unit of work that read a product before another committed a change to it cannot commit its
     * own: it meets a {@link ConcurrencyConflict} when it commits, or earlier, when storage finds out
     * on a read.
     */
    @Test
    public void aChangeToAStaleProductConflicts() {
        givenAProductWithOneBatch(100);

        try (OutboxUnitOfWork stale = unitsOfWork().start()) {
            Product old = stale.products().get(sku).orElseThrow();
            inUnitOfWork(uow -> {
                uow.products().get(sku).orElseThrow().changeBatchQuantity(batchReference, 80);
                uow.commit();
            });
            assertThrows(ConcurrencyConflict.class, () -> {
                StorageSteps.allocate(stale, new OrderLine(ids.of("order"), sku, 5));
                stale.commit();
            });
        }
        Product read = committed(sku).orElseThrow();
        assertEquals(80, read.batch(batchReference).orElseThrow().purchasedQuantity());
        assertEquals(0, read.batch(batchReference).orElseThrow().allocatedQuantity());
    }

    /**
     * A unit of work that read a product before another committed new lines to it never sees
     * those lines as its own: asking for the lines of a batch it must shrink meets
     * a {@link ConcurrencyConflict}, which the bus retries, on the read or at the latest on the
     * commit. No other failure, and the lines committed meanwhile are kept.
     */
    @Test
    public void aStaleProductShrinkingABatchConflictsOrUsesTheLinesItRead() {
        givenAProductWithOneBatch(100);
        OrderLine heldWhenRead = new OrderLine(ids.of("held-when-read"), sku, 10);
        OrderLine allocatedMeanwhile = new OrderLine(ids.of("allocated-meanwhile"), sku, 10);
        allocateAndCommit(heldWhenRead);

        try (OutboxUnitOfWork stale = unitsOfWork().start()) {
            Product old = stale.products().get(sku).orElseThrow();
            allocateAndCommit(allocatedMeanwhile);

            List<DomainEvent> givenBack = new ArrayList<>();
            assertThrows(ConcurrencyConflict.class, () -> {
                old.changeBatchQuantity(batchReference, 5, stale.products().allocationsIn(batchReference));
                givenBack.addAll(old.collectEvents());
                stale.commit();
            });
            assertTrue(givenBack.isEmpty() || givenBack.equals(List.of(new Deallocated(heldWhenRead))),
                    "lines given back, if any, are those of the product as read: " + givenBack);
        }
        Batch batch = committed(sku).orElseThrow().batch(batchReference).orElseThrow();
        assertEquals(List.of(heldWhenRead, allocatedMeanwhile), committedLines(batchReference));
        assertEquals(100, batch.purchasedQuantity());
    }

    /**
     * A unit of work that read a product before another added a batch to it and allocated a line
     * there cannot allocate that line: it does not know the batch. It meets a
     * {@link ConcurrencyConflict}, on the allocation or on the commit, and the line stays where the
     * other unit of work put it.
     */
    @Test
    public void aStaleProductAllocatingALineHeldByABatchAddedMeanwhileConflicts() {
        givenAProductWithOneBatch(100);
        String addedMeanwhile = ids.of("added-meanwhile");
        OrderLine line = new OrderLine(ids.of("order"), sku, 10);

        try (OutboxUnitOfWork stale = unitsOfWork().start()) {
            Product old = stale.products().get(sku).orElseThrow();
            inUnitOfWork(uow -> {
                Product product = uow.products().get(sku).orElseThrow();
                product.addBatch(new Batch(addedMeanwhile, sku, 100, null));
                product.changeBatchQuantity(batchReference, 0);
                assertEquals(Optional.of(addedMeanwhile), product.allocate(line, uow.products().allocationsOf(line)));
                uow.commit();
            });

            assertThrows(ConcurrencyConflict.class, () -> {
                old.allocate(line, stale.products().allocationsOf(line));
                stale.commit();
            });
        }
        assertEquals(List.of(line), committedLines(addedMeanwhile));
        assertEquals(List.of(), committedLines(batchReference));
    }

    /**
     * A product read before another unit of work committed new lines to it answers what was read
     * and never throws. Asking the repository for its lines then answers those of the product as
     * read (a database that reads a whole transaction from one snapshot, such as MariaDB's
     * default) or meets a {@link ConcurrencyConflict} naming the product: lines that do not add up
     * to the batch's allocated quantity are never handed out.
     */
    @Test
    public void aStaleProductAnswersWhatWasReadAndOnlyTheRepositoryConflicts() {
        givenAProductWithOneBatch(100);
        OrderLine heldWhenRead = new OrderLine(ids.of("held-when-read"), sku, 10);
        allocateAndCommit(heldWhenRead);

        try (OutboxUnitOfWork stale = unitsOfWork().start()) {
            Batch batch = stale.products().get(sku).orElseThrow().batch(batchReference).orElseThrow();
            allocateAndCommit(new OrderLine(ids.of("allocated-meanwhile"), sku, 10));

            assertEquals(10, batch.allocatedQuantity(), "the batch as it was read");
            try {
                assertEquals(List.of(heldWhenRead), stale.products().allocationsIn(batchReference).linesIn(batchReference),
                        "the lines of the product as it was read, never those committed since");
            } catch (ConcurrencyConflict conflict) {
                assertEquals(Optional.of(sku), conflict.sku(), "the product that moved");
            }
            assertThrows(ConcurrencyConflict.class, () -> {
                StorageSteps.allocate(stale, new OrderLine(ids.of("late"), sku, 1));
                stale.commit();
            });
        }
    }

    /**
     * A product stays usable after its unit of work committed it: it lists the lines it holds,
     * takes more, and commits again on top of its own commit.
     */
    @Test
    public void aProductKeepsWorkingAfterItsCommit() {
        givenAProductWithOneBatch(100);
        OrderLine first = new OrderLine(ids.of("first"), sku, 10);
        OrderLine second = new OrderLine(ids.of("second"), sku, 10);

        inUnitOfWork(uow -> {
            Product product = uow.products().get(sku).orElseThrow();
            product.allocate(first, uow.products().allocationsOf(first));
            uow.commit();
            assertEquals(List.of(first), uow.products().allocationsIn(batchReference).linesIn(batchReference));
            assertEquals(Optional.of(batchReference), product.allocate(first, uow.products().allocationsOf(first)));
            product.allocate(second, uow.products().allocationsOf(second));
            product.changeBatchQuantity(batchReference, 15, uow.products().allocationsIn(batchReference));
            uow.commit();
        });

        Product read = committed(sku).orElseThrow();
        assertEquals(List.of(first), committedLines(batchReference));
        assertEquals(15, read.batch(batchReference).orElseThrow().purchasedQuantity());
        assertEquals(4, read.version());
    }

    /**
     * A unit of work that holds a product and then looks it up by a batch another unit of work
     * added since gets that same product or none, and its change of the product conflicts.
     */
    @Test
    public void aLookupByABatchAddedMeanwhileDoesNotRefreshAProductAlreadyHeld() {
        givenAProductWithOneBatch(100);
        String addedMeanwhile = ids.of("added-meanwhile");

        try (OutboxUnitOfWork stale = unitsOfWork().start()) {
            Product held = stale.products().get(sku).orElseThrow();
            inUnitOfWork(uow -> {
                uow.products().get(sku).orElseThrow().addBatch(new Batch(addedMeanwhile, sku, 10, null));
                uow.commit();
            });

            Optional<Product> found = stale.products().getByBatchReference(addedMeanwhile);
            assertTrue(found.isEmpty() || found.get() == held, "the product already held, or none");
            assertThrows(ConcurrencyConflict.class, () -> {
                StorageSteps.allocate(stale, new OrderLine(ids.of("order"), sku, 5));
                stale.commit();
            });
        }
        Product read = committed(sku).orElseThrow();
        assertEquals(2, read.version());
        assertEquals(List.of(), committedLines(batchReference));
        assertTrue(read.batch(addedMeanwhile).isPresent(), "the batch added meanwhile is kept");
    }

    /**
     * The repository answers the allocations a decision needs: a product or batch created in this
     * unit of work has none stored; asking about a product this unit of work did not read is
     * refused.
     */
    @Test
    public void allocationsAreAnsweredForProductsReadHereOnly() {
        OrderLine line = new OrderLine(ids.of("order"), sku, 3);
        String addedHere = ids.of("added-here");
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertThrows(IllegalStateException.class, () -> uow.products().allocationsOf(line));
            assertThrows(IllegalStateException.class, () -> uow.products().allocationsIn(batchReference));
            Product product = new Product(sku);
            product.addBatch(new Batch(batchReference, sku, 10, null));
            uow.products().add(product);
            assertEquals(Allocations.none(), uow.products().allocationsOf(line));
            assertEquals(Allocations.none(), uow.products().allocationsIn(batchReference));
            uow.commit();
        }
        allocateAndCommit(line);
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            Product product = uow.products().get(sku).orElseThrow();
            product.addBatch(new Batch(addedHere, sku, 10, ETA));
            assertEquals(Optional.of(batchReference), uow.products().allocationsOf(line).batchHolding(line));
            assertEquals(List.of(), uow.products().allocationsIn(addedHere).linesIn(addedHere));
            assertEquals(List.of(line), uow.products().allocationsIn(batchReference).linesIn(batchReference));
        }
    }

    /**
     * A commit stores a product's lines from the events it collects: a product whose events were
     * collected before is refused with an {@link IllegalStateException}, and nothing is written.
     */
    @Test
    public void aProductWhoseEventsWereCollectedBeforeItsCommitIsRefused() {
        Product product = new Product(sku);
        product.addBatch(new Batch(batchReference, sku, 10, null));
        product.allocate(new OrderLine(ids.of("order"), sku, 3));
        product.collectEvents();

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            uow.products().add(product);
            assertThrows(IllegalStateException.class, uow::commit);
        }
        assertEquals(Optional.empty(), committed(sku));
    }

    /** Reading a product that another unit of work changes meanwhile is no conflict. */
    @Test
    public void readingIsNoConflict() {
        givenAProductWithOneBatch(100);

        try (OutboxUnitOfWork reader = unitsOfWork().start()) {
            reader.products().get(sku).orElseThrow();
            inUnitOfWork(uow -> {
                uow.products().get(sku).orElseThrow().changeBatchQuantity(batchReference, 80);
                uow.commit();
            });
            reader.commit();
        }
        assertEquals(80, committed(sku).orElseThrow().batch(batchReference).orElseThrow().purchasedQuantity());
    }

    /**
     * Storage keeps the order of batches with equal etas and the order of each batch's lines: the
     * batch added first still wins a tie, and a shrinking batch still gives back its newest line
     * first.
     */
    @Test
    public void storageKeepsTheOrderOfBatchesAndOfLines() {
        String addedSecond = ids.of("added-second");
        inUnitOfWork(uow -> {
            Product product = new Product(sku);
            product.addBatch(new Batch(batchReference, sku, 10, ETA));
            uow.products().add(product);
            uow.commit();
        });
        inUnitOfWork(uow -> {
            uow.products().get(sku).orElseThrow().addBatch(new Batch(addedSecond, sku, 10, ETA));
            uow.commit();
        });
        OrderLine older = new OrderLine(ids.of("older"), sku, 4);
        OrderLine newer = new OrderLine(ids.of("newer"), sku, 4);
        for (OrderLine line : List.of(older, newer)) {
            inUnitOfWork(uow -> {
                assertEquals(Optional.of(batchReference), StorageSteps.allocate(uow, line));
                uow.commit();
            });
        }

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            uow.products().getByBatchReference(batchReference).orElseThrow()
                    .changeBatchQuantity(batchReference, 5, uow.products().allocationsIn(batchReference));
            uow.commit();
            assertEquals(List.of(new Deallocated(newer.orderId(), sku, 4)), eventsOf(uow.collectNewEvents()));
        }
    }

    /**
     * Batches with equal etas added in one commit keep the order they were added in, on a new
     * product and on one that had batches already: the one added first wins a tie.
     */
    @Test
    public void batchesAddedTogetherKeepTheOrderTheyWereAddedIn() {
        List<String> references = List.of(ids.of("first"), ids.of("second"), ids.of("third"), ids.of("fourth"));
        inUnitOfWork(uow -> {
            Product product = new Product(sku);
            product.addBatch(new Batch(references.get(0), sku, 10, ETA));
            product.addBatch(new Batch(references.get(1), sku, 10, ETA));
            uow.products().add(product);
            uow.commit();
        });
        inUnitOfWork(uow -> {
            Product product = uow.products().get(sku).orElseThrow();
            product.addBatch(new Batch(references.get(2), sku, 10, ETA));
            product.addBatch(new Batch(references.get(3), sku, 10, ETA));
            uow.commit();
        });

        assertEquals(references, committed(sku).orElseThrow().batches().stream().map(Batch::reference).toList());
    }

    /**
     * A product given where its line is held answers that line's batch and writes nothing; a new
     * line is allocated.
     */
    @Test
    public void aProductGivenWhereALineIsHeldAnswersItsBatch() {
        givenAProductWithOneBatch(100);
        OrderLine held = new OrderLine(ids.of("held"), sku, 10);
        OrderLine other = new OrderLine(ids.of("other"), sku, 5);
        allocateAndCommit(held);
        allocateAndCommit(other);

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            Product product = uow.products().get(sku).orElseThrow();

            assertEquals(Optional.of(batchReference), product.allocate(held, uow.products().allocationsOf(held)));
            assertEquals(List.of(), product.collectEvents());
            assertEquals(3, product.version());
            assertEquals(15, product.batch(batchReference).orElseThrow().allocatedQuantity());
            uow.commit();
        }
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            OrderLine fresh = new OrderLine(ids.of("fresh"), sku, 1);
            Product product = uow.products().getByBatchReference(batchReference).orElseThrow();

            assertEquals(Optional.of(batchReference), product.allocate(fresh, uow.products().allocationsOf(fresh)));
            uow.commit();
        }
        assertEquals(16, committed(sku).orElseThrow().batch(batchReference).orElseThrow().allocatedQuantity());
    }

    /**
     * A product read for a line ({@code getFor}) is the instance {@code get} answers, and where the
     * line is held is answered as stored when the product was read: its batch when held, none
     * when not. A line allocated meanwhile by another unit of work is never allocated twice: the
     * answer or the commit meets a {@link ConcurrencyConflict}.
     */
    @Test
    public void aProductReadForALineAnswersWhereTheLineIsHeldAsStored() {
        givenAProductWithOneBatch(100);
        OrderLine held = new OrderLine(ids.of("held"), sku, 10);
        OrderLine takenMeanwhile = new OrderLine(ids.of("taken-meanwhile"), sku, 5);
        allocateAndCommit(held);

        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            Product product = uow.products().getFor(held).orElseThrow();

            assertTrue(product == uow.products().get(sku).orElseThrow(), "getFor and get answered two different instances");
            assertEquals(List.of(held), uow.products().allocationsOf(held).linesIn(batchReference));
            assertEquals(Optional.of(batchReference), product.allocate(held, uow.products().allocationsOf(held)));
            assertEquals(List.of(), product.collectEvents(), "a line held is not allocated again");
        }
        try (OutboxUnitOfWork stale = unitsOfWork().start()) {
            Product old = stale.products().getFor(takenMeanwhile).orElseThrow();
            allocateAndCommit(takenMeanwhile);

            assertThrows(ConcurrencyConflict.class, () -> {
                old.allocate(takenMeanwhile, stale.products().allocationsOf(takenMeanwhile));
                stale.commit();
            });
        }
        assertEquals(List.of(held, takenMeanwhile), committedLines(batchReference));
        assertEquals(15, committed(sku).orElseThrow().batch(batchReference).orElseThrow().allocatedQuantity());
    }

    /**
     * A product read for a new batch ({@code getForNewBatch}) is the instance {@code get} answers,
     * and {@code getByBatchReference} then answers as it would have: the product that has a batch
     * of that reference, its own or another's, or none.
     */
    @Test
    public void aProductReadForANewBatchTellsWhichProductHasTheReference() {
        givenAProductWithOneBatch(100);
        String otherSku = ids.of("other-sku");
        String otherBatch = ids.of("other-batch");
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            Product other = new Product(otherSku);
            other.addBatch(new Batch(otherBatch, otherSku, 10, null));
            uow.products().add(other);
            uow.commit();
        }

        for (String reference : List.of(batchReference, otherBatch, ids.of("new-batch"))) {
            try (OutboxUnitOfWork uow = unitsOfWork().start()) {
                Product product = uow.products().getForNewBatch(sku, reference).orElseThrow();

                assertTrue(product == uow.products().get(sku).orElseThrow(), "getForNewBatch and get answered two instances");
                Optional<String> owner = uow.products().getByBatchReference(reference).map(Product::sku);
                assertEquals(reference.equals(batchReference) ? Optional.of(sku)
                        : reference.equals(otherBatch) ? Optional.of(otherSku) : Optional.empty(), owner, reference);
            }
        }
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            assertEquals(Optional.empty(), uow.products().getForNewBatch(ids.of("no-such-sku"), batchReference));
            assertEquals(Optional.of(sku), uow.products().getByBatchReference(batchReference).map(Product::sku));
        }
        String addedMeanwhile = ids.of("added-meanwhile");
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            uow.products().getForNewBatch(sku, addedMeanwhile);
            assertEquals(Optional.empty(), uow.products().getByBatchReference(addedMeanwhile));
            try (OutboxUnitOfWork other = unitsOfWork().start()) {
                other.products().get(otherSku).orElseThrow().addBatch(new Batch(addedMeanwhile, otherSku, 5, null));
                other.commit();
            }
            assertEquals(Optional.of(otherSku), uow.products().getByBatchReference(addedMeanwhile).map(Product::sku),
                    "a product not read here is read as committed now");
        }
    }

    /**
     * A closed unit of work refuses more work with an {@link IllegalStateException}, keeps what it
     * committed, and may be closed again without harm.
     */
    @Test
    public void aClosedUnitOfWorkRefusesWorkAndClosesTwiceWithoutHarm() {
        OutboxUnitOfWork uow = unitsOfWork().start();
        Product product = new Product(sku);
        product.addBatch(new Batch(batchReference, sku, 10, null));
        uow.products().add(product);
        uow.commit();
        uow.close();
        uow.close();

        assertThrows(IllegalStateException.class, uow::products);
        assertThrows(IllegalStateException.class, uow::outbox);
        assertThrows(IllegalStateException.class, uow::commit);
        assertThrows(IllegalStateException.class, uow::rollback);
        assertEquals(10, committed(sku).orElseThrow().batch(batchReference).orElseThrow().purchasedQuantity());
    }

    /**
     * Two units of work that each create the same new product, or the same batch reference on two
     * products, cannot both commit: the second meets a {@link ConcurrencyConflict} naming the
     * product it could not store, and what the first committed stays.
     */
    @Test
    public void creatingAProductOrABatchReferenceTakenMeanwhileConflicts() {
        String otherSku = ids.of("other-sku");
        try (OutboxUnitOfWork late = unitsOfWork().start()) {
            Product lateProduct = new Product(sku);
            lateProduct.addBatch(new Batch(ids.of("late-batch"), sku, 5, null));
            late.products().add(lateProduct);
            givenAProductWithOneBatch(100);

            assertEquals(Optional.of(sku), assertThrows(ConcurrencyConflict.class, late::commit).sku(),
                    "the product the conflict names");
        }
        try (OutboxUnitOfWork late = unitsOfWork().start()) {
            Product other = new Product(otherSku);
            other.addBatch(new Batch(batchReference, otherSku, 5, null));
            late.products().add(other);

            assertEquals(Optional.of(otherSku), assertThrows(ConcurrencyConflict.class, late::commit).sku(),
                    "the product the conflict names");
        }
        Product read = committed(sku).orElseThrow();
        assertEquals(List.of(batchReference), read.batches().stream().map(Batch::reference).toList());
        assertEquals(100, read.batch(batchReference).orElseThrow().purchasedQuantity());
        assertTrue(committed(otherSku).isEmpty(), "the product whose batch reference was taken is not stored");
    }

    private static List<DomainEvent> eventsOf(List<RecordedEvent> stored) {
        return stored.stream().map(RecordedEvent::event).toList();
    }

    private Optional<ConcurrencyConflict> allocateAfterBothRead(String orderId, CyclicBarrier bothHaveRead)
            throws Exception {
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            Product product = uow.products().get(sku).orElseThrow();
            StorageSteps.allocate(uow, new OrderLine(orderId, sku, 10));
            bothHaveRead.await(30, TimeUnit.SECONDS);
            uow.commit();
            return Optional.empty();
        } catch (ConcurrencyConflict conflict) {
            return Optional.of(conflict);
        }
    }

    private void allocateAndCommit(OrderLine line) {
        inUnitOfWork(uow -> {
            assertEquals(Optional.of(batchReference), StorageSteps.allocate(uow, line));
            uow.commit();
        });
    }

    private void givenAProductWithOneBatch(int quantity) {
        StorageSteps.givenAProductWithOneBatch(unitsOfWork(), sku, batchReference, quantity);
    }

    private void inUnitOfWork(Consumer<OutboxUnitOfWork> work) {
        StorageSteps.inUnitOfWork(unitsOfWork(), work);
    }

    /** The lines a batch holds as last committed, oldest first. */
    private List<OrderLine> committedLines(String reference) {
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            uow.products().getByBatchReference(reference).orElseThrow();
            return uow.products().allocationsIn(reference).linesIn(reference);
        }
    }

    private Optional<Product> committed(String productSku) {
        try (OutboxUnitOfWork uow = unitsOfWork().start()) {
            return uow.products().get(productSku);
        }
    }
}
