package io.github.cosmicarch.allocation.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.model.StoredLines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingProductsTest {

    /** Stores whole products in a map, restores them without their lines, and counts what it loads and reads. */
    static final class ProductsInAMap extends TrackingProducts {
        final Map<String, Product> stored = new HashMap<>();
        final List<String> loads = new ArrayList<>();
        final List<LinesToRead> reads = new ArrayList<>();

        @Override
        protected void store(Product product) {
            stored.put(product.sku(), product);
        }

        @Override
        protected Optional<Product> load(String sku) {
            loads.add(sku);
            return Optional.ofNullable(stored.get(sku)).map(whole -> new Product(sku, whole.batches().stream()
                    .map(batch -> Batch.withLinesInStorage(batch.reference(), sku, batch.purchasedQuantity(),
                            batch.eta().orElse(null), batch.allocatedQuantity()))
                    .toList(), whole.version()));
        }

        @Override
        protected Optional<String> skuOfBatch(String batchReference) {
            loads.add(batchReference);
            return stored.values().stream().filter(product -> product.batch(batchReference).isPresent())
                    .map(Product::sku).findFirst();
        }

        @Override
        protected StoredLines read(Product product, LinesToRead lines) {
            reads.add(lines);
            Product whole = stored.get(product.sku());
            Map<OrderLine, String> held = new HashMap<>();
            Set<OrderLine> notHeld = new HashSet<>();
            Map<String, List<OrderLine>> batches = new HashMap<>();
            for (Batch batch : whole.batches()) {
                List<OrderLine> batchLines = batch.allocations().orElseThrow();
                if (lines.everyLine() || lines.ofBatches().contains(batch.reference())) {
                    batches.put(batch.reference(), batchLines);
                }
                lines.whereHeld().stream().filter(batchLines::contains).forEach(line -> held.put(line, batch.reference()));
            }
            lines.whereHeld().stream().filter(line -> !held.containsKey(line)).forEach(notHeld::add);
            return new StoredLines(held, notHeld, batches);
        }
    }

    private static final OrderLine HELD = new OrderLine("o1", "LAMP", 2);

    private static Product lamp() {
        return new Product("LAMP", List.of(new Batch("lamp-1", "LAMP", 10, null, List.of(HELD))), 3);
    }

    @Test
    void aProductAskedForTwiceIsLoadedOnceAndIsTheSameInstance() {
        ProductsInAMap products = new ProductsInAMap();
        products.stored.put("LAMP", lamp());

        Product first = products.get("LAMP").orElseThrow();
        Product second = products.get("LAMP").orElseThrow();

        assertThat(second).isSameAs(first);
        assertThat(products.loads).containsExactly("LAMP");
    }

    @Test
    void withoutALinesRequestAProductComesWholeAndIsNotReadAgain() {
        ProductsInAMap products = new ProductsInAMap();
        products.stored.put("LAMP", lamp());

        Product whole = products.get("LAMP").orElseThrow();
        products.get("LAMP", LinesToRead.whereHeld(new OrderLine("o2", "LAMP", 1)));

        assertThat(whole.knowsEveryLine()).isTrue();
        assertThat(whole.batch("lamp-1").orElseThrow().allocations()).contains(List.of(HELD));
        assertThat(products.reads).containsExactly(LinesToRead.all());
    }

    @Test
    void aProductComesWithTheLinesAskedForAndLearnsMoreWhenAskedAgain() {
        ProductsInAMap products = new ProductsInAMap();
        products.stored.put("LAMP", lamp());

        Product product = products.get("LAMP", LinesToRead.whereHeld(HELD)).orElseThrow();
        assertThat(product.allocate(HELD)).contains("lamp-1");
        assertThat(product.batch("lamp-1").orElseThrow().allocations()).isEmpty();

        products.get("LAMP", LinesToRead.ofBatch("lamp-1"));
        assertThat(product.batch("lamp-1").orElseThrow().allocations()).contains(List.of(HELD));
        assertThat(products.reads).containsExactly(LinesToRead.whereHeld(HELD), LinesToRead.ofBatch("lamp-1"));
        assertThat(products.loads).containsExactly("LAMP");
    }

    @Test
    void askingForNoLineReadsNone() {
        ProductsInAMap products = new ProductsInAMap();
        products.stored.put("LAMP", lamp());

        Product product = products.get("LAMP", LinesToRead.none()).orElseThrow();

        assertThat(product.batch("lamp-1").orElseThrow().allocatedQuantity()).isEqualTo(2);
        assertThat(products.reads).isEmpty();
    }

    @Test
    void findsAProductByBatchReferenceAmongThoseSeenBeforeLoading() {
        ProductsInAMap products = new ProductsInAMap();
        products.stored.put("LAMP", lamp());
        Product seen = products.get("LAMP").orElseThrow();

        assertThat(products.getByBatchReference("lamp-1")).containsSame(seen);
        assertThat(products.loads).containsExactly("LAMP");
    }

    @Test
    void loadsAProductByBatchReferenceAndRemembersIt() {
        ProductsInAMap products = new ProductsInAMap();
        products.stored.put("LAMP", lamp());

        Product loaded = products.getByBatchReference("lamp-1", LinesToRead.none()).orElseThrow();

        assertThat(products.get("LAMP", LinesToRead.none())).containsSame(loaded);
        assertThat(products.getByBatchReference("nowhere")).isEmpty();
        assertThat(products.loads).containsExactly("lamp-1", "LAMP", "nowhere");
    }

    @Test
    void remembersAddedAndLoadedProductsOnceInTheOrderFirstSeen() {
        ProductsInAMap products = new ProductsInAMap();
        products.stored.put("LAMP", lamp());
        Product desk = new Product("DESK");

        products.add(desk);
        products.get("LAMP");
        products.get("DESK");
        products.get("CHAIR");

        assertThat(products.seen()).extracting(Product::sku).containsExactly("DESK", "LAMP");
    }
}
