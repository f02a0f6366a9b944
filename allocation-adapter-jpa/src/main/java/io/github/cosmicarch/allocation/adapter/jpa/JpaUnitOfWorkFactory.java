package io.github.cosmicarch.allocation.adapter.jpa;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.service.outbox.CallerTransaction;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;

/**
 * Starts JPA units of work on an {@link EntityManagerFactory} you provide, built by your framework
 * or by {@link JpaDatabase}. Its persistence unit must manage the classes listed by
 * {@link AllocationSchema#managedClasses()}, on a database holding the schema of
 * {@link AllocationSchema}.
 *
 * <p>Each unit of work has an entity manager and a transaction of its own. A commit fails with
 * {@link io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict} when a product it changed
 * was changed meanwhile, and with {@link StorageFailure} for any other failure of the database.
 *
 * <p>The factory keeps what its units of work last read or committed of each product (its batches
 * and their quantities, not their lines), so that a unit of work finding a product at the version
 * kept reads its row alone, however many batches it has. A product deleted and created again is
 * told apart by the random number its row gets when inserted. Change products through the
 * library only: a batch changed by hand in the database without a new product version would go
 * unseen while the product is kept.
 *
 * <p>Given {@link CallerTransactions}, a unit of work started while the calling thread is in a
 * transaction works in that transaction, on the caller's entity manager, and the bus handles the
 * command in it (see {@link UnitOfWorkFactory#callerTransaction()}).
 *
 * <p>A commit also writes the {@code allocations_view} rows of the lines it allocated or gave back,
 * in the same transaction: wire the bus with {@code Bootstrap.readModelKeptByStorage()}, and read
 * the rows with {@link JpaAllocationsView}.
 */
public final class JpaUnitOfWorkFactory implements UnitOfWorkFactory {

    /**
     * How much of the products it read or committed a factory keeps by default: products and
     * their batches, each counting one.
     */
    public static final int DEFAULT_KEPT = ProductSnapshots.DEFAULT_CAPACITY;

    private final EntityManagerFactory entityManagerFactory;
    private final ProductSnapshots snapshots;
    private final CallerTransactions callers;
    private final PostgresCommits postgresCommits;

    /**
     * Creates the factory, keeping up to {@value #DEFAULT_KEPT} products and batches.
     *
     * @param entityManagerFactory the persistence unit to work in
     */
    public JpaUnitOfWorkFactory(EntityManagerFactory entityManagerFactory) {
        this(entityManagerFactory, DEFAULT_KEPT);
    }

    /**
     * Creates the factory.
     *
     * @param entityManagerFactory the persistence unit to work in
     * @param kept                 how much of the products it read or committed to keep,
     *                             products and batches each counting one; 0 keeps nothing
     * @throws IllegalArgumentException when {@code kept} is negative
     */
    public JpaUnitOfWorkFactory(EntityManagerFactory entityManagerFactory, int kept) {
        this(entityManagerFactory, kept, CallerTransactions.NONE);
    }

    /**
     * Creates the factory, its units of work joining the caller's transaction when there is one.
     *
     * @param entityManagerFactory the persistence unit to work in
     * @param kept                 how much of the products it read or committed to keep,
     *                             products and batches each counting one; 0 keeps nothing
     * @param callers              where a caller's transaction to join is found
     * @throws IllegalArgumentException when {@code kept} is negative
     */
    public JpaUnitOfWorkFactory(EntityManagerFactory entityManagerFactory, int kept, CallerTransactions callers) {
        this(entityManagerFactory, kept, callers, new PostgresCommits());
    }

    JpaUnitOfWorkFactory(EntityManagerFactory entityManagerFactory, int kept, CallerTransactions callers,
                         PostgresCommits postgresCommits) {
        this.entityManagerFactory = requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.snapshots = new ProductSnapshots(kept);
        this.callers = requireNonNull(callers, "callers");
        this.postgresCommits = postgresCommits;
    }

    @Override
    public OutboxUnitOfWork start() {
        return callers.current()
                .<OutboxUnitOfWork>map(callersEntityManager -> new JpaUnitOfWork(callersEntityManager, callers, snapshots))
                .orElseGet(() -> new JpaUnitOfWork(entityManagerFactory, snapshots, postgresCommits));
    }

    @Override
    public Optional<CallerTransaction> callerTransaction() {
        return callers.current().isPresent() ? Optional.of(callers::afterCommit) : Optional.empty();
    }
}
