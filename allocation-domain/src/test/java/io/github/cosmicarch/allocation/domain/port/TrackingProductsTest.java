package io.github.cosmicarch.allocation.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.event.Allocated;
import io.github.cosmicarch.allocation.domain.event.OutOfStock;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackingProductsTest {

    /** Stores products in a map and counts what it loads. */
    static final class ProductsInAMap extends TrackingProducts {
        final Map<String, Product> stored = new HashMap<>();
        final List<String> loads = new ArrayList<>();

        @Override
        protected void store(Product product) {
            stored.put(product.sku(), product);
        }

        @Override
        protected Optional<Product> load(String sku) {
            loads.add(sku);
            return Optional.ofNullable(stored.get(sku));
        }

        @Override
        protected Optional<Product> loadByBatchReference(String batchReference) {
            loads.add(batchReference);
            return stored.values().stream().filter(product -> product.batch(batchReference).isPresent()).findFirst();
        }
    }

    private static Product lamp() {
        return new Product("LAMP", List.of(new Batch("lamp-1", "LAMP", 10, null)), 0);
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

        Product loaded = products.getByBatchReference("lamp-1").orElseThrow();

        assertThat(products.get("LAMP")).containsSame(loaded);
        assertThat(products.getByBatchReference("nowhere")).isEmpty();
        assertThat(products.loads).containsExactly("lamp-1", "nowhere");
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
