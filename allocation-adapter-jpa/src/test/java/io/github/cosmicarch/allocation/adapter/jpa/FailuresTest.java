package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.UnknownBatch;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the adapter throws for what the provider or the driver threw: a lost race is a conflict
 * the bus retries, anything else a storage failure, and the adapter's and the domain's own
 * exceptions pass unchanged.
 */
class FailuresTest {

    private static RuntimeException fromDriver(String sqlState, int errorCode) {
        return new PersistenceException("wrapped", new SQLException("driver said no", sqlState, errorCode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"40001", "40P01", "23505", "23000"})
    void aSerializationFailureADeadlockOrAKeyTakenMeanwhileIsAConflictOnTheProduct(String sqlState) {
        RuntimeException failure = fromDriver(sqlState, 0);

        RuntimeException translated = Failures.translate(failure, "committing product LAMP", "LAMP");

        assertThat(translated).isInstanceOf(ConcurrencyConflict.class)
                .hasMessage("A concurrent change to product LAMP stopped committing product LAMP")
                .hasCause(failure);
        assertThat(((ConcurrencyConflict) translated).sku()).contains("LAMP");
    }

    @Test
    void h2sConcurrentUpdateErrorIsAConflictWhateverItsState() {
        assertThat(Failures.translate(fromDriver("HY000", 90131), "committing", "LAMP"))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(Failures.translate(fromDriver("HY000", 90130), "committing", "LAMP"))
                .isInstanceOf(StorageFailure.class);
    }

    @Test
    void lockAndVersionFailuresOfThePersistenceApiAreConflicts() {
        for (RuntimeException failure : new RuntimeException[] {
                new OptimisticLockException("version"), new PessimisticLockException("lock"),
                new LockTimeoutException("timeout")}) {
            assertThat(Failures.translate(new PersistenceException(failure), "reading", "LAMP"))
                    .as(failure.getClass().getSimpleName())
                    .isInstanceOf(ConcurrencyConflict.class);
        }
    }

    @Test
    void aConflictOutsideAnyProductNamesNone() {
        RuntimeException translated = Failures.translate(fromDriver("40001", 0), "claiming events");

        assertThat(translated).isInstanceOf(ConcurrencyConflict.class)
                .hasMessage("A concurrent change stopped claiming events");
        assertThat(((ConcurrencyConflict) translated).sku()).isEqualTo(Optional.empty());
    }

    @Test
    void anythingElseIsAStorageFailureThatSaysWhatWasBeingDone() {
        RuntimeException lost = fromDriver("08006", 0);
        RuntimeException noState = new PersistenceException(new SQLException("no state"));

        assertThat(Failures.translate(lost, "loading product LAMP", "LAMP"))
                .isInstanceOf(StorageFailure.class)
                .hasMessage("The database failed while loading product LAMP")
                .hasCause(lost);
        assertThat(Failures.translate(noState, "reading the outbox"))
                .isInstanceOf(StorageFailure.class)
                .hasMessage("The database failed while reading the outbox");
        assertThat(Failures.translate(new IllegalStateException("closed"), "starting a transaction"))
                .isInstanceOf(StorageFailure.class);
    }

    @Test
    void theAdaptersAndTheDomainsOwnExceptionsPassUnchanged() {
        RuntimeException[] own = {new ConcurrencyConflict("LAMP", "moved"), new StorageFailure("down", null),
                new UnknownBatch("b9")};
        for (RuntimeException failure : own) {
            assertThat(Failures.translate(failure, "committing", "LAMP")).isSameAs(failure);
            assertThat(Failures.translate(failure, "committing")).isSameAs(failure);
        }
    }
}
