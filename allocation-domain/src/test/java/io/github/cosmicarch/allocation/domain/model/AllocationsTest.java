package io.github.cosmicarch.allocation.domain.model;

import static io.github.cosmicarch.allocation.domain.model.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationsTest {

    @Test
    void answersTheBatchHoldingALineAndEachBatchsLinesInAllocationOrder() {
        Map<OrderLine, String> held = new LinkedHashMap<>();
        held.put(line("o3", "LAMP", 1), "b1");
        held.put(line("o1", "LAMP", 2), "b2");
        held.put(line("o2", "LAMP", 3), "b1");
        Allocations allocations = new Allocations(held);
        held.clear();

        assertThat(allocations.batchHolding(line("o1", "LAMP", 2))).contains("b2");
        assertThat(allocations.batchHolding(line("o1", "LAMP", 1))).isEmpty();
        assertThat(allocations.linesIn("b1")).containsExactly(line("o3", "LAMP", 1), line("o2", "LAMP", 3));
        assertThat(allocations.linesIn("b9")).isEmpty();
        assertThat(Allocations.none().batchByLine()).isEmpty();
    }
}
