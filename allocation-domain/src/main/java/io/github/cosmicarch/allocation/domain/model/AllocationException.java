package io.github.cosmicarch.allocation.domain.model;

/**
 * A request the domain refuses for a reason the caller can act on, such as an unknown batch or a
 * duplicate reference. Its message is meant to be shown to whoever made the request.
 */
public abstract class AllocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused and why
     */
    protected AllocationException(String message) {
        super(message);
    }
}
