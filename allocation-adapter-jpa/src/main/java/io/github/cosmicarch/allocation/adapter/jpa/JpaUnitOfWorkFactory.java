package io.github.cosmicarch.allocation.adapter.jpa;

import static java.util.Objects.requireNonNull;

import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import jakarta.persistence.EntityManagerFactory;

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
 * <p>A commit also writes the {@code allocations_view} rows of the lines it allocated or gave back,
 * in the same transaction: wire {@link JpaAllocationsView} with
 * {@code Bootstrap.allocationsViewKeptByStorage}, and the bus needs no read-model handler.
 */
public final class JpaUnitOfWorkFactory implements UnitOfWorkFactory {

    private final EntityManagerFactory entityManagerFactory;

    /**
     * Creates the factory.
     *
     * @param entityManagerFactory the persistence unit to work in
     */
    public JpaUnitOfWorkFactory(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = requireNonNull(entityManagerFactory, "entityManagerFactory");
    }

    @Override
    public UnitOfWork start() {
        return new JpaUnitOfWork(entityManagerFactory);
    }
}
