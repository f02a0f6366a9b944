package io.github.cosmicarch.allocation.service.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final AllocationsView NO_VIEW = new AllocationsView() {
        @Override
        public List<OrderAllocation> allocations(String orderId) {
            return List.of();
        }

        @Override
        public void add(String orderId, String sku, String batchReference) {}

        @Override
        public void remove(String orderId, String sku) {}
    };

    private static UnitOfWork noStorage() {
        throw new UnsupportedOperationException("no storage in this test");
    }

    @Test
    void needsUnitsOfWorkFromAnAdapter() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Bootstrap.builder().allocationsView(NO_VIEW).build())
                .withMessageStartingWith("Bootstrap needs unitsOfWork");
    }

    @Test
    void needsAReadModelFromAnAdapter() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage).build())
                .withMessageStartingWith("Bootstrap needs allocationsView");
    }

    @Test
    void buildsABusWithAHandlerForEveryCommandFromStorageAlone() {
        assertThat(Bootstrap.builder().unitsOfWork(BootstrapTest::noStorage).allocationsView(NO_VIEW).build()).isNotNull();
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
        assertThat(bootstrap.allocationsView(NO_VIEW)).isSameAs(bootstrap);
        assertThat(bootstrap.allocationsViewKeptByStorage(NO_VIEW)).isSameAs(bootstrap);
        assertThat(bootstrap.notifications((destination, message) -> {})).isSameAs(bootstrap);
        assertThat(bootstrap.publisher((event, id) -> {})).isSameAs(bootstrap);
        assertThat(bootstrap.outOfStockAddress("stock@example.com")).isSameAs(bootstrap);
        assertThat(bootstrap.retryPolicy(RetryPolicy.noRetry())).isSameAs(bootstrap);
        assertThat(bootstrap.observer(BusObserver.NONE)).isSameAs(bootstrap);
        assertThat(bootstrap.dispatcherSettings(DispatcherSettings.defaults())).isSameAs(bootstrap);
        assertThat(bootstrap.build()).isNotNull();
    }
}
