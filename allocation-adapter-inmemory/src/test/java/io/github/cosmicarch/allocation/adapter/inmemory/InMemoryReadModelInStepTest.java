package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.testkit.contract.ReadModelInStepContract;

/** The in-memory database keeps its read model in step with its commits, as the JPA adapter does. */
class InMemoryReadModelInStepTest extends ReadModelInStepContract {

    private static final InMemoryDatabase DATABASE = new InMemoryDatabase();

    @Override
    protected UnitOfWorkFactory unitsOfWork() {
        return DATABASE;
    }

    @Override
    protected AllocationsView allocationsView() {
        return DATABASE.allocationsView();
    }
}
