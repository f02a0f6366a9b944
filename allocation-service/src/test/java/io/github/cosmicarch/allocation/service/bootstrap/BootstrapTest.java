package io.github.cosmicarch.allocation.service.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.port.AllocationsProjection;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final AllocationsProjection NO_PROJECTION = new AllocationsProjection() {
        @Override
        public void handle(Allocated event) {}

        @Override
        public void handle(Deallocated event) {}
    };

    private static OutboxUnitOfWork noStorage() {
        throw new UnsupportedOperationException("no storage in this test");
    }

    @Test
    void needsUnitsOfWorkFromAnAdapter() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Bootstrap.builder().readModel(NO_PROJECTION).build())
                .withMessageStartingWith("Bootstrap needs unitsOfWork");
    }

    @Test
    void needsAReadModelFromAnAdapter() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage).build())
                .withMessageStartingWith("Bootstrap needs a read model");
    }

    @Test
    void buildsABusWithAHandlerForEveryCommandFromStorageAlone() {
        assertThat(Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage).readModel(NO_PROJECTION).build()).isNotNull();
        assertThat(Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage).readModelKeptByStorage().build()).isNotNull();
    }

    @Test
    void theBusKeepsTheReadModelOnlyWhenTheStorageDoesNot() {
        MessageBus.Builder keptByTheBus = Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage)
                .readModel(NO_PROJECTION).messageBus();
        MessageBus.Builder keptByStorage = Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage)
                .readModel(NO_PROJECTION).readModelKeptByStorage().messageBus();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> keptByTheBus.event(Allocated.class, "add_allocation_to_read_model", (event, uow) -> {}))
                .withMessage("Two handlers are named add_allocation_to_read_model: names must be unique");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> keptByTheBus.event(Deallocated.class, "remove_allocation_from_read_model", (event, uow) -> {}))
                .withMessage("Two handlers are named remove_allocation_from_read_model: names must be unique");
        assertThat(keptByStorage.event(Allocated.class, "add_allocation_to_read_model", (event, uow) -> {})
                .event(Deallocated.class, "remove_allocation_from_read_model", (event, uow) -> {}))
                .as("no read-model handler registered").isNotNull();
    }

    @Test
    void refusesABlankOutOfStockAddress() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bootstrap.builder().outOfStockAddress(" "))
                .withMessage("outOfStockAddress must not be blank, but was \" \"");
    }

    @Test
    void refusesAMissingOutOfStockAddress() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Bootstrap.builder().outOfStockAddress(null))
                .withMessage("outOfStockAddress must not be blank, but was null");
    }

    @Test
    void everyOptionChains() {
        Bootstrap bootstrap = Bootstrap.builder();

        assertThat(bootstrap.unitsOfWork(BootstrapTest::noStorage)).isSameAs(bootstrap);
        assertThat(bootstrap.readModel(NO_PROJECTION)).isSameAs(bootstrap);
        assertThat(bootstrap.readModelKeptByStorage()).isSameAs(bootstrap);
        assertThat(bootstrap.notifications((destination, message) -> {})).isSameAs(bootstrap);
        assertThat(bootstrap.publisher((event, id) -> {})).isSameAs(bootstrap);
        assertThat(bootstrap.outOfStockAddress("stock@example.com")).isSameAs(bootstrap);
        assertThat(bootstrap.groupAllocations(true)).isSameAs(bootstrap);
        MessageBus.Builder bus = bootstrap.messageBus();
        assertThat(bus.retryPolicy(RetryPolicy.noRetry())).isSameAs(bus);
        assertThat(bus.observer(BusObserver.NONE)).isSameAs(bus);
        assertThat(bus.dispatcherSettings(DispatcherSettings.defaults())).isSameAs(bus);
        assertThat(bus.build()).isNotNull();
        assertThat(bootstrap.build()).isNotNull();
    }

    @Test
    void eachPublisherIsAHandlerOfItsOwnAndOneSetAloneReplacesThoseAdded() {
        Bootstrap bootstrap = Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage).readModelKeptByStorage()
                .addPublisher("kafka", (event, id) -> {})
                .addPublisher("audit", (event, id) -> {});

        MessageBus.Builder several = bootstrap.messageBus();
        for (String taken : List.of("publish_allocated_to_kafka", "publish_allocated_to_audit")) {
            assertThatIllegalArgumentException().isThrownBy(() -> several.effect(Allocated.class, taken, (event, id) -> {}))
                    .withMessage("Two handlers are named " + taken + ": names must be unique");
        }
        several.effect(Allocated.class, "publish_allocated", (event, id) -> {}); // not taken: no log publisher beside them

        MessageBus.Builder alone = bootstrap.publisher((event, id) -> {}).messageBus();
        alone.effect(Allocated.class, "publish_allocated_to_kafka", (event, id) -> {}); // replaced
        assertThatIllegalArgumentException().isThrownBy(() -> alone.effect(Allocated.class, "publish_allocated", (event, id) -> {}));
    }

    @Test
    void withoutAPublisherAllocationsArePublishedToTheLogByAHandlerOfTheBooksName() {
        MessageBus.Builder bus = Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage).readModelKeptByStorage().messageBus();

        assertThatIllegalArgumentException().isThrownBy(() -> bus.effect(Allocated.class, "publish_allocated", (event, id) -> {}))
                .withMessage("Two handlers are named publish_allocated: names must be unique");
    }
}
