package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bridge's translation of messages into commands, without Redis. */
class ChangeBatchQuantityMessagesTest {

    private final InMemoryDatabase database = new InMemoryDatabase();
    private final MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().build();
    private final ChangeBatchQuantityMessages messages = new ChangeBatchQuantityMessages(bus);

    @Test
    void aQuantityChangeReallocatesTheLinesThatNoLongerFit() {
        bus.handle(CreateBatch.inWarehouse("batch1", "TABLE", 50));
        bus.handle(CreateBatch.arriving("batch2", "TABLE", 50, LocalDate.of(2031, 1, 1)));
        bus.handle(new Allocate("order1", "TABLE", 20));
        bus.handle(new Allocate("order2", "TABLE", 20));

        assertThat(messages.handle("{\"batchref\": \"batch1\", \"qty\": 25}")).isTrue();

        assertThat(database.allocationsView().allocations("order2")).containsExactly(new OrderAllocation("TABLE", "batch2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{\"qty\": 3}", "{\"batchref\": \"b\"}", "{\"batchref\": 1, \"qty\": 3}",
        "{\"batchref\": \"b\", \"qty\": \"3\"}", "{\"batchref\": \"batch9\", \"qty\": 3}", "{\"batchref\": \"batch1\", \"qty\": -1}", "null",
        "{\"batchref\": \"batch1\\u0000\", \"qty\": 3}", "{\"batchref\": \"batch1\\ud800\", \"qty\": 3}",
        "{\"batchref\": \"batch1\", \"qty\": 2} trailing", "{\"batchref\": \"batch1\", \"qty\": 2}{\"batchref\": \"batch1\", \"qty\": 1}"})
    void aBadMessageIsSkippedAndTheNextGoodOneStillWorks(String bad) {
        bus.handle(CreateBatch.inWarehouse("batch1", "LAMP", 50));
        bus.handle(new Allocate("order1", "LAMP", 40));

        assertThat(messages.handle(bad)).isFalse();
        assertThat(database.allocationsView().allocations("order1")).containsExactly(new OrderAllocation("LAMP", "batch1"));

        assertThat(messages.handle("{\"batchref\": \"batch1\", \"qty\": 10}")).isTrue();
    }
}
