package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.testkit.contract.UnitOfWorkContract;

/** The in-memory database honours the whole unit-of-work contract. */
class InMemoryUnitOfWorkTest extends UnitOfWorkContract {

    private static final InMemoryDatabase DATABASE = new InMemoryDatabase();

    @Override
    protected UnitOfWorkFactory unitsOfWork() {
        return DATABASE;
    }
}
