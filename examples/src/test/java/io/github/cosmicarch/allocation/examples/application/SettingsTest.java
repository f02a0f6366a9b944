package io.github.cosmicarch.allocation.examples.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.cosmicarch.allocation.examples.application.Settings.Endpoint;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void withNothingSetItIsTheEmbeddedDefaultOnPort5005() {
        assertThat(Settings.from(Map.of()))
                .isEqualTo(new Settings(5005, Settings.DEFAULT_DATABASE, Optional.empty(), Optional.empty()));
    }

    @Test
    void readsEverySetting() {
        Settings settings = Settings.from(Map.of("PORT", "8080", "ALLOCATION_DB_URL", "jdbc:postgresql://db/test",
                "REDIS_HOST", "cache", "REDIS_PORT", "6380", "EMAIL_HOST", "mail", "EMAIL_PORT", "1025"));

        assertThat(settings).isEqualTo(new Settings(8080, "jdbc:postgresql://db/test",
                Optional.of(new Endpoint("cache", 6380)), Optional.of(new Endpoint("mail", 1025))));
    }

    @Test
    void redisDefaultsToItsPortAndEmailNeedsBoth() {
        Settings settings = Settings.from(Map.of("REDIS_HOST", "127.0.0.1", "EMAIL_HOST", "mail"));

        assertThat(settings.redis()).contains(new Endpoint("127.0.0.1", 6379));
        assertThat(settings.email()).isEmpty();
    }

    @Test
    void aBadPortNamesTheVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Settings.from(Map.of("PORT", "http")))
                .withMessage("PORT must be a port number between 0 and 65535, but was \"http\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Settings.from(Map.of("REDIS_HOST", "x", "REDIS_PORT", "70000")))
                .withMessageStartingWith("REDIS_PORT must be a port number");
    }
}
