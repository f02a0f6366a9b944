package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.TestData.TOMORROW;
import static io.github.cosmicarch.allocation.domain.model.TestData.batch;
import static io.github.cosmicarch.allocation.domain.model.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BatchTest {

    @Test
    void allocatingToABatchReducesTheAvailableQuantity() {
        Batch batch = batch("batch-001").of("SMALL-TABLE").quantity(20).arriving(TOMORROW).build();

        batch.allocate(line("order-ref", "SMALL-TABLE", 2));

        assertThat(batch.availableQuantity()).isEqualTo(18);
        assertThat(batch.allocatedQuantity()).isEqualTo(2);
    }

    @Test
    void canAllocateIfAvailableIsGreaterThanRequired() {
        assertThat(batch("b1").of("ELEGANT-LAMP").quantity(20).build().canAllocate(line("o1", "ELEGANT-LAMP", 2)))
                .isTrue();
    }

    @Test
    void canAllocateIfAvailableEqualsRequired() {
        assertThat(batch("b1").of("ELEGANT-LAMP").quantity(2).build().canAllocate(line("o1", "ELEGANT-LAMP", 2)))
                .isTrue();
    }

    @Test
    void cannotAllocateIfAvailableIsSmallerThanRequired() {
        assertThat(batch("b1").of("ELEGANT-LAMP").quantity(2).build().canAllocate(line("o1", "ELEGANT-LAMP", 20)))
                .isFalse();
    }

    @Test
    void cannotAllocateIfSkusDoNotMatch() {
        Batch batch = batch("b1").of("UNCOMFORTABLE-CHAIR").quantity(100).build();

        assertThat(batch.canAllocate(line("o1", "EXPENSIVE-TOASTER", 10))).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> batch.allocate(line("o1", "EXPENSIVE-TOASTER", 10)));
        assertThat(batch.allocatedQuantity()).isZero();
    }

    @Test
    void refusesALineThatDoesNotFit() {
        Batch batch = batch("b1").of("LAMP").quantity(1).build();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> batch.allocate(line("o1", "LAMP", 2)))
                .withMessageContaining("b1");
        assertThat(batch.availableQuantity()).isEqualTo(1);
    }

    @Test
    void batchesAreEqualByReference() {
        assertThat(batch("b1").of("LAMP").quantity(1).build())
                .isEqualTo(batch("b1").of("DESK").quantity(9).arriving(TOMORROW).build())
                .hasSameHashCodeAs(batch("b1").build())
                .isNotEqualTo(batch("b2").of("LAMP").quantity(1).build())
                .isNotEqualTo("b1")
                .isNotEqualTo(null);
        assertThat(batch("b1").build().hashCode()).isEqualTo("b1".hashCode()).isNotEqualTo(batch("b2").build().hashCode());
    }

    @Test
    void printsItsReferenceSkuQuantitiesAndArrival() {
        Batch shipment = new Batch("b1", "LAMP", 10, TOMORROW, 3);

        assertThat(shipment).hasToString("Batch[b1, LAMP, 3/10, eta " + TOMORROW + "]");
        assertThat(new Batch("b2", "LAMP", 5, null)).hasToString("Batch[b2, LAMP, 0/5, in warehouse]");
    }

    @Test
    void warehouseStockHasNoEta() {
        assertThat(batch("b1").build().eta()).isEmpty();
        assertThat(batch("b1").arriving(TOMORROW).build().eta()).contains(TOMORROW);
    }

    @Test
    void refusesANegativePurchasedQuantityAndBlankIds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Batch("b1", "LAMP", -1, null))
                .withMessage("purchasedQuantity must be at least 0, but was -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Batch(" ", "LAMP", 1, null))
                .withMessage("reference must not be blank, but was \" \"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Batch("b1", null, 1, null))
                .withMessage("sku must not be blank, but was null");
    }

    @Test
    void aRestoredBatchKeepsItsQuantitiesAndGivesBackWhatItHolds() {
        Batch batch = new Batch("b1", "LAMP", 10, null, 7);

        assertThat(batch.availableQuantity()).isEqualTo(3);
        batch.deallocate(line("o1", "LAMP", 4));
        assertThat(batch.allocatedQuantity()).isEqualTo(3);
        batch.changePurchasedQuantity(3);
        assertThat(batch.availableQuantity()).isZero();
    }

    @Test
    void refusesToRestoreMoreAllocatedThanPurchasedOrANegativeTotal() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Batch("b1", "LAMP", 5, null, 6))
                .withMessage("allocatedQuantity must be between 0 and purchasedQuantity (5), but was 6");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Batch("b1", "LAMP", 5, null, -1));
        assertThat(new Batch("b1", "LAMP", 5, null, 5).availableQuantity()).isZero();
    }
}
