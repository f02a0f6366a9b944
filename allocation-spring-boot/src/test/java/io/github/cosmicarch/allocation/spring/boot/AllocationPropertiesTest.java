package io.github.cosmicarch.allocation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.jpa.JpaUnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AllocationPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AllocationProperties.class)
    static class Bound {}

    private final ApplicationContextRunner application = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void theDefaultsAreThoseOfThePlainJavaBootstrap() {
        application.run(context -> {
            AllocationProperties properties = context.getBean(AllocationProperties.class);

            assertThat(properties.retry().policy()).isEqualTo(RetryPolicy.defaults());
            assertThat(properties.dispatcher().settings()).isEqualTo(DispatcherSettings.defaults());
            assertThat(properties.dispatcher().enabled()).isTrue();
            assertThat(properties.outOfStockAddress()).as("a domain reserved for examples").isEqualTo("stock@example.com");
            assertThat(properties.migrations().enabled()).isTrue();
            assertThat(properties.groupAllocations()).isFalse();
            assertThat(properties.groupsAtOnce()).as("no limit").isZero();
            assertThat(properties.productsKept()).isEqualTo(JpaUnitOfWorkFactory.DEFAULT_KEPT);
        });
    }

    @Test
    void everyPropertyReachesTheSettings() {
        application.withPropertyValues("allocation.retry.max-attempts=3", "allocation.retry.first-backoff=2ms",
                        "allocation.retry.max-backoff=8ms", "allocation.dispatcher.threads=4",
                        "allocation.dispatcher.grace-period=10s", "allocation.dispatcher.poll-interval=250ms",
                        "allocation.dispatcher.batch-size=20", "allocation.dispatcher.retries.max-attempts=5",
                        "allocation.dispatcher.retries.first-backoff=2s", "allocation.dispatcher.retries.max-backoff=1m",
                        "allocation.group-allocations=true", "allocation.groups-at-once=2", "allocation.products-kept=0")
                .run(context -> {
                    AllocationProperties properties = context.getBean(AllocationProperties.class);

                    assertThat(properties.retry().policy())
                            .isEqualTo(new RetryPolicy(3, Duration.ofMillis(2), Duration.ofMillis(8)));
                    assertThat(properties.dispatcher().settings()).isEqualTo(new DispatcherSettings(4, Duration.ofSeconds(10),
                            Duration.ofMillis(250), 20, new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(1))));
                    assertThat(properties.groupAllocations()).isTrue();
                    assertThat(properties.groupsAtOnce()).isEqualTo(2);
                    assertThat(properties.productsKept()).isZero();
                });
    }
}
