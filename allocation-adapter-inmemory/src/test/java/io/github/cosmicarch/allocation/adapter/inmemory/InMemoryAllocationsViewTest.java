package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.testkit.contract.AllocationsViewContract;

/** The in-memory read model honours the whole read-model contract. */
class InMemoryAllocationsViewTest extends AllocationsViewContract {

    private static final InMemoryDatabase DATABASE = new InMemoryDatabase();

    @Override
    protected AllocationsView allocationsView() {
        return DATABASE.allocationsView();
    }
}
