package io.github.cosmicarch.allocation.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.service.outbox.EventEncoding.Encoded;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventEncodingTest {

    @Test
    void everyEventComesBackAsItWasWrittenWhateverItsIdsHold() {
        List<DomainEvent> events = List.of(
                new Allocated("order & co=1", "LAMP/ÄÖ", 3, "batch%20 + ünïcode ☃"),
                new Deallocated("o-2", "SKU=&", 7),
                new OutOfStock("a\nb"));
        for (DomainEvent event : events) {
            Encoded encoded = EventEncoding.encode(event);
            assertThat(EventEncoding.decode(encoded.type(), encoded.version(), encoded.data())).isEqualTo(event);
        }
    }

    @Test
    void aOneLetterFieldNameIsAField() {
        assertThat(EventEncoding.decode("OutOfStock", 1, "sku=LAMP&x=1")).isEqualTo(new OutOfStock("LAMP"));
    }

    @Test
    void theEncodingIsReadableText() {
        Encoded encoded = EventEncoding.encode(new Allocated("o-1", "LAMP", 3, "b-1"));

        assertThat(encoded).isEqualTo(new Encoded("Allocated", 1,
                "orderId=o-1&sku=LAMP&quantity=3&batchReference=b-1"));
    }

    @Test
    void whatCannotBeReadIsNamed() {
        assertThatThrownBy(() -> EventEncoding.decode("Allocated", 2, "sku=LAMP"))
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> EventEncoding.decode("Shipped", 1, "sku=LAMP"))
                .hasMessageContaining("Shipped");
        assertThatThrownBy(() -> EventEncoding.decode("Deallocated", 1, "orderId=o&sku=LAMP"))
                .hasMessageContaining("quantity");
        assertThatThrownBy(() -> EventEncoding.decode("Deallocated", 1, "orderId=o&sku=LAMP&quantity=many"))
                .hasMessageContaining("many");
        assertThatThrownBy(() -> EventEncoding.decode("Deallocated", 1, "sku=LAMP&quantity=1"))
                .hasMessage("A stored Deallocated lacks its orderId");
        assertThatThrownBy(() -> EventEncoding.decode("OutOfStock", 1, "=LAMP"))
                .hasMessage("Malformed field \"=LAMP\" in a stored OutOfStock");
        assertThatThrownBy(() -> EventEncoding.decode("OutOfStock", 1, "sku"))
                .hasMessage("Malformed field \"sku\" in a stored OutOfStock");
    }
}
