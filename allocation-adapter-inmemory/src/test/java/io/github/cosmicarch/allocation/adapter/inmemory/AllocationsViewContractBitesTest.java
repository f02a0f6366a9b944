package io.github.cosmicarch.allocation.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The read model's contract shown failing on the rule the bus's handlers used to keep, where the
 * storage kept another: a contract that cannot fail proves nothing.
 */
class AllocationsViewContractBitesTest {

    @Test
    void theContractFailsOnTheHandlersOldRuleAndOnlyWhereTheTwoRulesDiffer() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(OldReadModelRule.class))
                .execute()
                .testEvents();

        List<String> failed = tests.failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName())
                .toList();
        assertThat(failed).containsExactly("aLineGivenBackLeavesTheRowOfABatchThatHoldsAnotherLineOfTheOrder()");
        assertThat(tests.succeeded().count()).isPositive();
    }
}
