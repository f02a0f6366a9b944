package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.time.LocalDate;
import java.util.List;

/**
 * A committed product, frozen: what the database holds between units of work. Each unit of work
 * restores its own {@link Product} from it, so no two units of work share mutable state.
 */
record StoredProduct(String sku, long version, List<StoredBatch> batches) {

    /** A committed batch, its lines oldest first. */
    record StoredBatch(String reference, String sku, int purchasedQuantity, LocalDate eta, List<OrderLine> allocations) {

        static StoredBatch of(Batch batch) {
            return new StoredBatch(batch.reference(), batch.sku(), batch.purchasedQuantity(), batch.eta().orElse(null),
                    batch.allocations());
        }

        Batch restore() {
            return new Batch(reference, sku, purchasedQuantity, eta, allocations);
        }
    }

    /** Freezes a product; its batches are kept in preference order, which keeps ties in order. */
    static StoredProduct of(Product product) {
        return new StoredProduct(product.sku(), product.version(),
                product.batches().stream().map(StoredBatch::of).toList());
    }

    Product restore() {
        return new Product(sku, batches.stream().map(StoredBatch::restore).toList(), version);
    }

    boolean hasBatch(String reference) {
        return batches.stream().anyMatch(batch -> batch.reference().equals(reference));
    }
}
