package io.github.cosmicarch.allocation.service.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cosmicarch.allocation.domain.model.InvalidIdentifier;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandsTest {

    @Test
    void anAllocateIsValidatedAsItsOrderLine() {
        assertThat(new Allocate("o1", "LAMP", 3).line()).isEqualTo(new OrderLine("o1", "LAMP", 3));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Allocate("o1", "LAMP", 0))
                .withMessage("quantity must be at least 1, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Allocate(" ", "LAMP", 1))
                .withMessage("orderId must not be blank, but was \" \"");
    }

    @Test
    void aCreateBatchIsValidatedAsItsBatch() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        assertThat(CreateBatch.arriving("b1", "LAMP", 5, monday).eta()).contains(monday);
        assertThat(CreateBatch.inWarehouse("b1", "LAMP", 5).eta()).isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CreateBatch.inWarehouse("b1", "LAMP", -1))
                .withMessage("purchasedQuantity must be at least 0, but was -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CreateBatch.inWarehouse("", "LAMP", 1))
                .withMessage("reference must not be blank, but was \"\"");
    }

    @Test
    void theBooksCreateBatchWithoutAnEtaIsWarehouseStock() {
        CreateBatch asTheBookWritesIt = new CreateBatch("b1", "LAMP", 1, null);

        assertThat(asTheBookWritesIt).isEqualTo(CreateBatch.inWarehouse("b1", "LAMP", 1));
        assertThat(asTheBookWritesIt.eta()).isEmpty();
    }

    @Test
    void everyCommandRefusesAnIdentifierStorageCouldNotKeep() {
        assertThatThrownBy(() -> new Allocate("o\u0000", "LAMP", 1)).isInstanceOf(InvalidIdentifier.class);
        assertThatThrownBy(() -> new Allocate("o1", "x".repeat(256), 1)).isInstanceOf(InvalidIdentifier.class);
        assertThatThrownBy(() -> CreateBatch.inWarehouse("b\uD800", "LAMP", 1)).isInstanceOf(InvalidIdentifier.class);
        assertThatThrownBy(() -> new ChangeBatchQuantity("b\n1", 1))
                .isInstanceOf(InvalidIdentifier.class)
                .hasMessage("reference must not hold a control character (U+000A at index 1), but was \"b\\u000A1\"");
    }

    @Test
    void aChangeBatchQuantityRefusesABlankReferenceOrANegativeQuantity() {
        assertThat(new ChangeBatchQuantity("b1", 0).quantity()).isZero();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ChangeBatchQuantity("b1", -5))
                .withMessage("quantity must be at least 0, but was -5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ChangeBatchQuantity(null, 5))
                .withMessage("reference must not be blank, but was null");
    }

    @Test
    void everyCommandIsOneOfTheBooksThree() {
        assertThat(Command.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(Allocate.class, CreateBatch.class, ChangeBatchQuantity.class);
        assertThat(new CreateBatch("b1", "LAMP", 1, Optional.empty())).isEqualTo(CreateBatch.inWarehouse("b1", "LAMP", 1));
    }
}
