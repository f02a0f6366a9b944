package io.github.cosmicarch.allocation.service.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    /** A "random" source that always answers the top of the range: the cap itself. */
    private static final RandomGenerator ALWAYS_MAX = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(2), Duration.ofMillis(20));

    @Test
    void theCapStartsAtTheFirstBackoffAndDoublesUpToTheMaximum() {
        assertThat(policy.backoffBefore(1, ALWAYS_MAX)).isEqualTo(Duration.ofMillis(2));
        assertThat(policy.backoffBefore(2, ALWAYS_MAX)).isEqualTo(Duration.ofMillis(4));
        assertThat(policy.backoffBefore(3, ALWAYS_MAX)).isEqualTo(Duration.ofMillis(8));
        assertThat(policy.backoffBefore(4, ALWAYS_MAX)).isEqualTo(Duration.ofMillis(16));
        assertThat(policy.backoffBefore(5, ALWAYS_MAX)).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.backoffBefore(1_000, ALWAYS_MAX)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void jitterSpreadsPausesBetweenZeroAndTheCap() {
        SplittableRandom random = new SplittableRandom(42);
        long distinct = java.util.stream.IntStream.range(0, 200)
                .mapToObj(draw -> policy.backoffBefore(3, random))
                .peek(pause -> assertThat(pause).isBetween(Duration.ZERO, Duration.ofMillis(8)))
                .distinct()
                .count();

        assertThat(distinct).isGreaterThan(150);
    }

    @Test
    void aCapThatWouldPassTheMaximumByDoublingStopsAtIt() {
        RetryPolicy odd = new RetryPolicy(5, Duration.ofNanos(5), Duration.ofNanos(11));

        assertThat(odd.backoffBefore(2, ALWAYS_MAX)).isEqualTo(Duration.ofNanos(10));
        assertThat(odd.backoffBefore(3, ALWAYS_MAX)).isEqualTo(Duration.ofNanos(11));
        assertThat(odd.backoffBefore(Integer.MAX_VALUE, ALWAYS_MAX)).isEqualTo(Duration.ofNanos(11));
    }

    @Test
    void noRetryMeansOneAttemptAndNoPause() {
        assertThat(RetryPolicy.noRetry().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.noRetry().backoffBefore(1, ALWAYS_MAX)).isZero();
    }

    @Test
    void aHugeBackoffDoesNotOverflow() {
        RetryPolicy patient = new RetryPolicy(100, Duration.ofDays(1), Duration.ofDays(365 * 200));

        assertThat(patient.backoffBefore(99, ALWAYS_MAX)).isEqualTo(Duration.ofDays(365 * 200));
    }

    @Test
    void refusesNonsense() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .withMessage("maxAttempts must be at least 1, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ZERO))
                .withMessageStartingWith("firstBackoff must not be negative");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(1)))
                .withMessageStartingWith("maxBackoff must be at least firstBackoff");
        assertThatIllegalArgumentException().isThrownBy(() -> policy.backoffBefore(0, ALWAYS_MAX));
    }
}
