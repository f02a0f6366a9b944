package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.testkit.contract.OutboxAgeContract;
import java.util.UUID;

/** The JPA adapter tells when its oldest pending event was stored, on an H2 database of each test's own. */
class JpaOutboxAgeTest extends OutboxAgeContract {

    @Override
    protected UnitOfWorkFactory emptyStorage() {
        return TestDatabases.keptOpen(JpaDatabase.builder("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }
}
