package io.github.cosmicarch.allocation.domain.model;

/** A batch or an order line was handed to a product of another sku. */
public final class SkuMismatch extends AllocationException {

    private static final long serialVersionUID = 1L;

    /** The product's sku. */
    private final String expectedSku;

    /** The sku of the refused batch or line. */
    private final String actualSku;

    /**
     * Creates the error.
     *
     * @param what        what was refused, such as {@code "batch B1"} or {@code "order line of o1"}
     * @param actualSku   the sku it carries
     * @param expectedSku the sku of the product it was handed to
     */
    public SkuMismatch(String what, String actualSku, String expectedSku) {
        super(what + " has sku " + actualSku + ", but the product's sku is " + expectedSku);
        this.expectedSku = expectedSku;
        this.actualSku = actualSku;
    }

    /** {@return the sku of the product} */
    public String expectedSku() {
        return expectedSku;
    }

    /** {@return the sku that did not match: that of the refused batch or line} */
    public String actualSku() {
        return actualSku;
    }
}
