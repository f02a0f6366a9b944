package io.github.cosmicarch.allocation.adapter.jpa;

/**
 * The database failed for a reason other than a concurrent change: it is unreachable, the schema
 * is wrong, a statement was refused. The cause is the provider's or the driver's exception.
 */
public final class StorageFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what was being done
     * @param cause   what the persistence provider or the driver threw
     */
    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
