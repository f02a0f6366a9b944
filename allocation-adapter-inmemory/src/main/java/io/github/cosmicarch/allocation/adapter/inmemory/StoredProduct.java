package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.time.LocalDate;
import java.util.List;

/**
 * A committed product without its lines, frozen: its version and its batches with their running
 * totals. The lines stay in its {@link ProductEntry}, so freezing and restoring a product costs
 * the same however many lines it holds.
 */
record StoredProduct(String sku, long version, List<StoredBatch> batches) {

    /** A committed batch: its quantities and the total of the lines it holds. */
    record StoredBatch(String reference, int purchasedQuantity, LocalDate eta, int allocatedQuantity) {

        static StoredBatch of(Batch batch) {
            return new StoredBatch(batch.reference(), batch.purchasedQuantity(), batch.eta().orElse(null),
                    batch.allocatedQuantity());
        }
    }

    /** Freezes a product; its batches are kept in preference order, which keeps ties in order. */
    static StoredProduct of(Product product) {
        return new StoredProduct(product.sku(), product.version(),
                product.batches().stream().map(StoredBatch::of).toList());
    }

    /** A product of its own for one unit of work. */
    Product restore() {
        return new Product(sku, batches.stream()
                .map(batch -> new Batch(batch.reference(), sku, batch.purchasedQuantity(), batch.eta(),
                        batch.allocatedQuantity()))
                .toList(), version);
    }

    /** The units its batches hold. */
    int units() {
        return batches.stream().mapToInt(StoredBatch::allocatedQuantity).sum();
    }

    boolean hasBatch(String reference) {
        return batches.stream().anyMatch(batch -> batch.reference().equals(reference));
    }
}
