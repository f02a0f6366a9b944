package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;

/**
 * Turns what the persistence provider throws into the adapter's own exceptions, so that no JPA,
 * Hibernate or driver type crosses the public API.
 */
final class Failures {

    /** H2's "concurrent update" error, raised instead of a serialization failure. */
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private Failures() {}

    /**
     * A failure during {@code doing}: the adapter's and the domain's own exceptions pass as they
     * are; a concurrent change becomes a {@link ConcurrencyConflict}; anything else a
     * {@link StorageFailure}.
     */
    static RuntimeException translate(RuntimeException failure, String doing, String sku) {
        if (isOwn(failure)) {
            return failure;
        }
        if (isConcurrentChange(failure)) {
            return new ConcurrencyConflict(sku, "A concurrent change to product " + sku + " stopped " + doing, failure);
        }
        return new StorageFailure("The database failed while " + doing, failure);
    }

    /** A failure during {@code doing}, which concerns no one product. */
    static RuntimeException translate(RuntimeException failure, String doing) {
        if (isOwn(failure)) {
            return failure;
        }
        if (isConcurrentChange(failure)) {
            return new ConcurrencyConflict("A concurrent change stopped " + doing, failure);
        }
        return new StorageFailure("The database failed while " + doing, failure);
    }

    private static boolean isOwn(RuntimeException failure) {
        return failure instanceof ConcurrencyConflict || failure instanceof StorageFailure
                || failure instanceof AllocationException;
    }

    /**
     * Whether the failure says another transaction got there first: a lock or version failure, a
     * serialization failure or deadlock (SQL state class 40), or an integrity violation (class 23)
     * on a row another transaction just wrote.
     */
    static boolean isConcurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof PessimisticLockException
                    || cause instanceof LockTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("40") || state.startsWith("23") || sql.getErrorCode() == H2_CONCURRENT_UPDATE) {
                    return true;
                }
            }
        }
        return false;
    }
}
