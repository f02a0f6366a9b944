package io.github.cosmicarch.allocation.domain.port;

/**
 * A unit of work could not commit because a product it changed was changed and committed by
 * someone else since it was read. Nothing of the unit of work was written; doing the work again
 * in a new unit of work, on fresh data, may succeed.
 */
public final class ConcurrencyConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The sku of the product that changed concurrently. */
    private final String sku;

    /**
     * Creates the conflict.
     *
     * @param sku     the sku of the product that changed concurrently
     * @param message what was found, for the log
     */
    public ConcurrencyConflict(String sku, String message) {
        super(message);
        this.sku = sku;
    }

    /**
     * Creates the conflict with the storage's own exception as its cause.
     *
     * @param sku     the sku of the product that changed concurrently
     * @param message what was found, for the log
     * @param cause   the exception the storage raised
     */
    public ConcurrencyConflict(String sku, String message, Throwable cause) {
        super(message, cause);
        this.sku = sku;
    }

    /**
     * The product that changed concurrently.
     *
     * @return its sku
     */
    public String sku() {
        return sku;
    }
}
