package io.github.cosmicarch.allocation.service.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
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
}
