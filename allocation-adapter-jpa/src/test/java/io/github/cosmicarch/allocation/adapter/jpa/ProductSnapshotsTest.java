package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.cosmicarch.allocation.adapter.jpa.ProductSnapshots.Snapshot;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is kept of products is bounded, the least recently used going first, and rebuilds them as they were. */
class ProductSnapshotsTest {

    private static Snapshot withBatches(String sku, int batches) {
        List<Batch> list = new ArrayList<>();
        for (int index = 0; index < batches; index++) {
            list.add(new Batch(sku + "-" + index, sku, 10, LocalDate.of(2027, 1, 1 + index), 3));
        }
        return Snapshot.of(new Product(sku, list, 7), 42);
    }

    @Test
    void keepsProductsAndBatchesUpToItsCapacityForgettingTheLeastRecentlyUsedFirst() {
        ProductSnapshots snapshots = new ProductSnapshots(6);
        snapshots.keep("A", withBatches("A", 2));
        snapshots.keep("B", withBatches("B", 1));
        assertThat(snapshots.at("A", 42, 7)).isPresent();

        snapshots.keep("C", withBatches("C", 0));
        snapshots.keep("D", withBatches("D", 0));

        assertThat(snapshots.knows("B")).as("used least recently").isFalse();
        assertThat(snapshots.knows("A")).isTrue();
        snapshots.keep("E", withBatches("E", 0));
        assertThat(snapshots.knows("A")).as("3 + 1 + 1 + 1 kept, within capacity").isTrue();
        snapshots.keep("F", withBatches("F", 0));
        assertThat(snapshots.knows("A")).as("one more: the least recently used goes").isFalse();
        assertThat(snapshots.knows("F")).isTrue();
    }

    @Test
    void aProductLargerThanTheCapacityIsNotKeptAndReplacesNothing() {
        ProductSnapshots snapshots = new ProductSnapshots(3);
        snapshots.keep("A", withBatches("A", 1));

        snapshots.keep("A", withBatches("A", 5));

        assertThat(snapshots.knows("A")).isFalse();
        snapshots.keep("B", withBatches("B", 2));
        assertThat(snapshots.knows("B")).as("nothing counted for what was not kept").isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> new ProductSnapshots(-1));
    }

    @Test
    void answersOnlyForTheIncarnationAndVersionKeptAndRebuildsTheProductAsItWas() {
        ProductSnapshots snapshots = new ProductSnapshots(10);
        snapshots.keep("A", withBatches("A", 2));

        assertThat(snapshots.at("A", 41, 7)).isEmpty();
        assertThat(snapshots.at("A", 42, 8)).isEmpty();
        Product rebuilt = snapshots.at("A", 42, 7).orElseThrow().restore("A");
        assertThat(rebuilt.version()).isEqualTo(7);
        assertThat(rebuilt.batches()).extracting(Batch::reference).containsExactly("A-0", "A-1");
        assertThat(rebuilt.batches()).allSatisfy(batch -> {
            assertThat(batch.allocatedQuantity()).isEqualTo(3);
            assertThat(batch.purchasedQuantity()).isEqualTo(10);
        });
    }
}
