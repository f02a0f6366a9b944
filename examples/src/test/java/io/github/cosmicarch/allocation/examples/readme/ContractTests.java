package io.github.cosmicarch.allocation.examples.readme;

import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.testkit.contract.AllocationsViewContract;
import io.github.cosmicarch.allocation.testkit.contract.UnitOfWorkContract;

// The README's snippet of contract tests for an adapter, run here on the JPA adapter over H2: two
// test classes, which Surefire finds by their names.

// README
class MyUnitOfWorkTest extends UnitOfWorkContract {
    static final JpaDatabase DATABASE = JpaDatabase.connect("jdbc:h2:mem:contract;DB_CLOSE_DELAY=-1");

    @Override
    protected UnitOfWorkFactory unitsOfWork() {
        return DATABASE;
    }
}

class MyAllocationsViewTest extends AllocationsViewContract {
    @Override
    protected UnitOfWorkFactory unitsOfWork() {
        return MyUnitOfWorkTest.DATABASE;
    }

    @Override
    protected AllocationsView allocationsView() {
        return MyUnitOfWorkTest.DATABASE.allocationsView();
    }

    @Override
    protected Bootstrap withReadModel(Bootstrap bootstrap) {
        return bootstrap.readModelKeptByStorage();  // the adapter keeps the view in its commits
    }
}
// END README
