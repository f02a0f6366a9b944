package io.github.cosmicarch.allocation.testkit.contract;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import java.util.Optional;
import java.util.function.Consumer;

/** Steps the storage contracts share: work done in a unit of work of its own, and a product to start from. */
final class StorageSteps {

    private StorageSteps() {}

    /** Runs the work in a new unit of work, and closes it: what the work did not commit is rolled back. */
    static void inUnitOfWork(UnitOfWorkFactory unitsOfWork, Consumer<OutboxUnitOfWork> work) {
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            work.accept(uow);
        }
    }

    /** Allocates the line as the service's handler does: to its product, given where storage holds it. */
    static Optional<String> allocate(UnitOfWork uow, OrderLine line) {
        Product product = uow.products().get(line.sku()).orElseThrow();
        return product.allocate(line, uow.products().allocationsOf(line));
    }

    /** Commits a new product with one batch in the warehouse. */
    static void givenAProductWithOneBatch(UnitOfWorkFactory unitsOfWork, String sku, String batchReference, int quantity) {
        inUnitOfWork(unitsOfWork, uow -> {
            Product product = new Product(sku);
            product.addBatch(new Batch(batchReference, sku, quantity, null));
            uow.products().add(product);
            uow.commit();
        });
    }
}
