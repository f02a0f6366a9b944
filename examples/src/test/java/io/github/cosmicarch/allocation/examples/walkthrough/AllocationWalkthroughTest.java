package io.github.cosmicarch.allocation.examples.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AllocationWalkthroughTest {

    private static String story() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AllocationWalkthrough(new PrintStream(bytes, true, StandardCharsets.UTF_8)).tell();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tellsHowEachOrderWasAllocated() {
        assertThat(story())
                .contains("order-1 x10 -> allocated to warehouse-stock")
                .contains("order-2 x15 -> allocated to ship-monday")
                .contains("order-3 x500 -> out of stock")
                .contains("event: OutOfStock[sku=SMALL-TABLE]");
    }

    @Test
    void tellsThatTheShrunkBatchGaveBackItsLineAndWhereItWentNext() {
        assertThat(story())
                .contains("event: Deallocated[orderId=order-1, sku=SMALL-TABLE, quantity=10]")
                .contains("So order-1 is allocated again." + System.lineSeparator() + "  order-1 x10 -> allocated to ship-monday")
                .contains("The product changed 7 times (its version number).");
    }

    @Test
    void tellsWhereTheStockStandsAndWhichOrdersEachBatchHolds() {
        assertThat(story())
                .contains("  warehouse-stock    0 of   5 allocated  []")
                .contains("  ship-monday       25 of  50 allocated  [order-2, order-1]")
                .contains("  ship-next-week     0 of  50 allocated  []");
    }
}
