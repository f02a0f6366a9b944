package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A property out of range, as an operator meets it: Boot's failure analysis names it, and nothing else is reported. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalysisTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}

    @Test
    void bootsFailureAnalysisNamesThePropertyAndItsRule(CapturedOutput output) {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--allocation.retry.max-attempts=0"));

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("allocation.retry")
                .contains("allocation.retry.max-attempts must be at least 1, but was 0")
                .doesNotContain("Migrating schema");
    }
}
