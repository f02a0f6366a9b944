package io.github.cosmicarch.allocation.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identifiers that storage would change or refuse are refused by the domain, with the reason and the field. */
class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"o1", "ORDER-2026/11-α", "\uD83D\uDCE6 parcel", "a b", "x"})
    void acceptsWellFormedTextUpToTheColumnWidth(String id) {
        assertThat(Identifiers.require("orderId", id)).isSameAs(id);
        assertThat(Identifiers.require("orderId", "x".repeat(Identifiers.MAX_LENGTH))).hasSize(255);
    }

    @Test
    void refusesAnIdLongerThanTheColumns() {
        assertThatThrownBy(() -> new OrderLine("o".repeat(256), "LAMP", 1))
                .isInstanceOf(InvalidIdentifier.class)
                .hasMessageStartingWith("orderId must be at most 255 characters long, but has 256, but was \"oooo")
                .hasMessageEndingWith("\"... (256 characters)");
    }

    @Test
    void refusesControlCharactersAndShowsThemEscaped() {
        assertThatThrownBy(() -> new OrderLine("o\u00001", "LAMP", 1))
                .isInstanceOf(InvalidIdentifier.class)
                .hasMessage("orderId must not hold a control character (U+0000 at index 1), but was \"o\\u00001\"");
        assertThatThrownBy(() -> new Batch("b\n1", "LAMP", 1, null))
                .hasMessage("reference must not hold a control character (U+000A at index 1), but was \"b\\u000A1\"");
        assertThatThrownBy(() -> new Product("LAMP\u007F"))
                .hasMessageStartingWith("sku must not hold a control character (U+007F at index 4)");
        assertThatThrownBy(() -> new Product("LAMP\u0085X"))
                .hasMessageStartingWith("sku must not hold a control character (U+0085 at index 4)");
    }

    @Test
    void refusesLoneSurrogatesWhichStorageWouldTurnIntoTheSameQuestionMark() {
        assertThatThrownBy(() -> new OrderLine("o\uD800", "LAMP", 1))
                .isInstanceOf(InvalidIdentifier.class)
                .hasMessage("orderId must be well-formed Unicode, but has a lone surrogate at index 1, but was \"o\\uD800\"");
        assertThatThrownBy(() -> new OrderLine("\uDC00o", "LAMP", 1))
                .hasMessageContaining("lone surrogate at index 0");
        assertThatThrownBy(() -> new OrderLine("o\uDBFF\uDBFF\uDC00", "LAMP", 1))
                .hasMessageContaining("lone surrogate at index 1");
        assertThatThrownBy(() -> new OrderLine("a\uDC00", "LAMP", 1))
                .hasMessageContaining("lone surrogate at index 1");
    }

    @Test
    void refusesWhiteSpaceAtEitherEnd() {
        assertThatThrownBy(() -> new OrderLine(" o1", "LAMP", 1))
                .isInstanceOf(InvalidIdentifier.class)
                .hasMessage("orderId must not start or end with white space, but was \" o1\"");
        assertThatThrownBy(() -> new OrderLine("o1", "LAMP ", 1))
                .hasMessage("sku must not start or end with white space, but was \"LAMP \"");
    }

    @Test
    void namesTheField() {
        InvalidIdentifier refused = (InvalidIdentifier) org.assertj.core.api.Assertions.catchThrowable(
                () -> new Batch("ok", "", 1, null));

        assertThat(refused.field()).isEqualTo("sku");
        assertThat(refused).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQuoteOrBackslashInTheValueCannotEndTheQuotedValue() {
        assertThatThrownBy(() -> new OrderLine("\"\\\n", "LAMP", 1))
                .hasMessageEndingWith("but was \"\\u0022\\u005C\\u000A\"");
    }
}
