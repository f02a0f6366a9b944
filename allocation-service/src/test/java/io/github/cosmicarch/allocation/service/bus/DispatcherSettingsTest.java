package io.github.cosmicarch.allocation.service.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the dispatcher runs: defaults a service can start with, and settings that name what is wrong. */
class DispatcherSettingsTest {

    private static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1));

    @Test
    void theDefaultsWaitFiveSecondsBeforeTakingUpWhatTheCommittingThreadLeft() {
        DispatcherSettings defaults = DispatcherSettings.defaults();

        assertThat(defaults.threads()).isEqualTo(2);
        assertThat(defaults.gracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.batchSize()).isEqualTo(100);
        assertThat(defaults.retries()).isEqualTo(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(5)));
    }

    @Test
    void eachWithChangesOneSettingAndKeepsTheOthers() {
        DispatcherSettings settings = new DispatcherSettings(1, Duration.ZERO, Duration.ofMillis(5), 1, RETRIES);

        assertThat(settings.withThreads(4)).isEqualTo(new DispatcherSettings(4, Duration.ZERO, Duration.ofMillis(5), 1, RETRIES));
        assertThat(settings.withGracePeriod(Duration.ofSeconds(2)))
                .isEqualTo(new DispatcherSettings(1, Duration.ofSeconds(2), Duration.ofMillis(5), 1, RETRIES));
        assertThat(settings.withPollInterval(Duration.ofMillis(1)))
                .isEqualTo(new DispatcherSettings(1, Duration.ZERO, Duration.ofMillis(1), 1, RETRIES));
        RetryPolicy once = RetryPolicy.noRetry();
        assertThat(settings.withRetries(once)).isEqualTo(new DispatcherSettings(1, Duration.ZERO, Duration.ofMillis(5), 1, once));
    }

    @Test
    void refusesSettingsThatCannotRunNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DispatcherSettings(0, Duration.ZERO, Duration.ofMillis(5), 1, RETRIES))
                .withMessage("threads must be at least 1, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DispatcherSettings(1, Duration.ofMillis(-1), Duration.ofMillis(5), 1, RETRIES))
                .withMessage("gracePeriod must not be negative, but was PT-0.001S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DispatcherSettings(1, Duration.ZERO, Duration.ZERO, 1, RETRIES))
                .withMessage("pollInterval must be positive, but was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DispatcherSettings(1, Duration.ZERO, Duration.ofMillis(-5), 1, RETRIES))
                .withMessage("pollInterval must be positive, but was PT-0.005S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DispatcherSettings(1, Duration.ZERO, Duration.ofMillis(5), 0, RETRIES))
                .withMessage("batchSize must be at least 1, but was 0");
    }
}
