package io.github.cosmicarch.allocation.testkit.generators;

import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import java.util.Objects;

/**
 * A product and an order line of its own sku, for properties of an allocation: a line of another
 * sku would only test the {@code SkuMismatch}.
 *
 * @param product the product, its events collected
 * @param line    a line of the product's sku, which it may or may not already hold
 */
public record ProductAndLine(Product product, OrderLine line) {

    /**
     * Checks that the line is of the product's sku.
     *
     * @param product the product
     * @param line    a line of its sku
     * @throws IllegalArgumentException when the skus differ
     */
    public ProductAndLine {
        Objects.requireNonNull(product, "product");
        if (!product.sku().equals(line.sku())) {
            throw new IllegalArgumentException("The line's sku " + line.sku() + " is not the product's " + product.sku());
        }
    }
}
