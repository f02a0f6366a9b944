package io.github.cosmicarch.allocation.domain.port;

/**
 * Storage failed for a reason other than a concurrent change: it is unreachable, its schema is
 * wrong, a statement was refused. Thrown by the ports' adapters, so that callers (an HTTP
 * entrypoint answering 503, a retrying consumer) handle it without knowing which adapter is
 * behind the port; the cause is the adapter's own exception. Unlike a
 * {@link ConcurrencyConflict}, trying again at once is unlikely to help.
 */
public final class StorageFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what was being done
     * @param cause   what the storage's driver or library threw
     */
    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
