/**
 * The allocation domain: order lines, batches of stock and the {@code Product} aggregate that
 * allocates one to the other, the events it records, and the ports through which it is stored.
 *
 * <p>The module depends on nothing but {@code java.base}.
 */
module io.github.cosmicarch.allocation.domain {
    exports io.github.cosmicarch.allocation.domain.model;
    exports io.github.cosmicarch.allocation.domain.port;
}
