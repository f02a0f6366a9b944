package io.github.cosmicarch.allocation.domain.model;

/** A batch reference that no batch of the product has. */
public final class UnknownBatch extends AllocationException {

    private static final long serialVersionUID = 1L;

    /** The reference that caused the refusal. */
    private final String reference;

    /**
     * Creates the error.
     *
     * @param reference the reference nobody has
     */
    public UnknownBatch(String reference) {
        super("Unknown batch reference " + reference);
        this.reference = reference;
    }

    /** {@return the reference nobody has} */
    public String reference() {
        return reference;
    }
}
