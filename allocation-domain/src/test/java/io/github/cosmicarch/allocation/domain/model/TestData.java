package io.github.cosmicarch.allocation.domain.model;

import java.time.LocalDate;

/** Test-data builders that let a test say only what matters to it. */
final class TestData {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final LocalDate TOMORROW = TODAY.plusDays(1);
    static final LocalDate LATER = TODAY.plusDays(10);

    private TestData() {}

    static OrderLine line(String orderId, String sku, int quantity) {
        return new OrderLine(orderId, sku, quantity);
    }

    static BatchBuilder batch(String reference) {
        return new BatchBuilder(reference);
    }

    /** Builds a batch: 100 units of "SMALL-TABLE" in the warehouse unless told otherwise. */
    static final class BatchBuilder {
        private final String reference;
        private String sku = "SMALL-TABLE";
        private int quantity = 100;
        private LocalDate eta;

        private BatchBuilder(String reference) {
            this.reference = reference;
        }

        BatchBuilder of(String sku) {
            this.sku = sku;
            return this;
        }

        BatchBuilder quantity(int quantity) {
            this.quantity = quantity;
            return this;
        }

        BatchBuilder arriving(LocalDate eta) {
            this.eta = eta;
            return this;
        }

        Batch build() {
            return new Batch(reference, sku, quantity, eta);
        }
    }
}
