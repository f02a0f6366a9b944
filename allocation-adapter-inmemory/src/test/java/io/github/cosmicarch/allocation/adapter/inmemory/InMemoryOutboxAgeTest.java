package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.testkit.contract.OutboxAgeContract;

/** The in-memory database tells when its oldest pending event was stored. */
class InMemoryOutboxAgeTest extends OutboxAgeContract {

    @Override
    protected UnitOfWorkFactory emptyStorage() {
        return new InMemoryDatabase();
    }
}
