package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.testkit.contract.OutboxContract;

/** The in-memory database honours the whole outbox contract. */
class InMemoryOutboxTest extends OutboxContract {

    private static final InMemoryDatabase DATABASE = new InMemoryDatabase();

    @Override
    protected UnitOfWorkFactory unitsOfWork() {
        return DATABASE;
    }
}
