package io.github.cosmicarch.allocation.domain.port;

import java.util.Objects;
import java.util.Optional;

/**
 * A unit of work could not commit because what it changed (a product, most often) was changed
 * and committed by someone else since it was read. Nothing of the unit of work was written; doing the work again
 * in a new unit of work, on fresh data, may succeed.
 */
public final class ConcurrencyConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The sku of the product that changed concurrently, or null when the storage did not say. */
    private final String sku;

    /**
     * Creates the conflict.
     *
     * @param sku     the sku of the product that changed concurrently
     * @param message what was found, for the log
     */
    public ConcurrencyConflict(String sku, String message) {
        super(message);
        this.sku = Objects.requireNonNull(sku, "sku");
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
        this.sku = Objects.requireNonNull(sku, "sku");
    }

    /**
     * Creates a conflict that the storage raised outside any one product, such as on an event
     * another instance was handling.
     *
     * @param message what was found, for the log
     * @param cause   the exception the storage raised
     */
    public ConcurrencyConflict(String message, Throwable cause) {
        super(message, cause);
        this.sku = null;
    }

    /** {@return the sku of the product that changed concurrently, or empty when the conflict was not on one product} */
    public Optional<String> sku() {
        return Optional.ofNullable(sku);
    }
}
