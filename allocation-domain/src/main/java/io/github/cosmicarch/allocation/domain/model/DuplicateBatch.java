package io.github.cosmicarch.allocation.domain.model;

/** A batch was added with a reference that a batch of the product already has. */
public final class DuplicateBatch extends AllocationException {

    private static final long serialVersionUID = 1L;

    /** The reference that caused the refusal. */
    private final String reference;

    /**
     * Creates the error.
     *
     * @param reference the reference that is already taken
     */
    public DuplicateBatch(String reference) {
        super("Duplicate batch reference " + reference);
        this.reference = reference;
    }

    /** {@return the reference that is already taken} */
    public String reference() {
        return reference;
    }
}
