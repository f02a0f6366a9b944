package io.github.cosmicarch.allocation.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderLineTest {

    @Test
    void linesWithTheSameOrderSkuAndQuantityAreTheSameLine() {
        assertThat(new OrderLine("order1", "LAMP", 2)).isEqualTo(new OrderLine("order1", "LAMP", 2));
        assertThat(new OrderLine("order1", "LAMP", 2)).isNotEqualTo(new OrderLine("order1", "LAMP", 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesAQuantityBelowOneAndNamesIt(int quantity) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OrderLine("order1", "LAMP", quantity))
                .withMessage("quantity must be at least 1, but was " + quantity);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void refusesABlankOrderIdAndShowsIt(String orderId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OrderLine(orderId, "LAMP", 1))
                .withMessageStartingWith("orderId must not be blank, but was ")
                .withMessageEndingWith(orderId == null ? "null" : '"' + orderId + '"');
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void refusesABlankSku(String sku) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OrderLine("order1", sku, 1))
                .withMessageStartingWith("sku must not be blank");
    }
}
