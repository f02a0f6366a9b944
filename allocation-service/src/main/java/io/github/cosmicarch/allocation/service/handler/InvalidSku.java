package io.github.cosmicarch.allocation.service.handler;

import io.github.cosmicarch.allocation.domain.model.AllocationException;

/** An order line names a product the system does not know. */
public final class InvalidSku extends AllocationException {

    private static final long serialVersionUID = 1L;

    /** The unknown sku. */
    private final String sku;

    /**
     * Creates the error.
     *
     * @param sku the unknown sku
     */
    public InvalidSku(String sku) {
        super("Invalid sku " + sku);
        this.sku = sku;
    }

    /** {@return the unknown sku} */
    public String sku() {
        return sku;
    }
}
