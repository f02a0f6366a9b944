package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics and health for the bus, when the application has Micrometer or Boot's health support:
 * {@link MicrometerBusObserver} and {@link DispatcherHealthIndicator}.
 */
@AutoConfiguration(after = AllocationAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
public class AllocationObservabilityAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        @ConditionalOnMissingBean
        MicrometerBusObserver allocationMetrics(MeterRegistry registry) {
            return new MicrometerBusObserver(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthCheck {

        @Bean(name = "allocationDispatcherHealthIndicator")
        @ConditionalOnBean(MessageBus.class)
        @ConditionalOnMissingBean(name = "allocationDispatcherHealthIndicator")
        DispatcherHealthIndicator allocationDispatcherHealthIndicator(MessageBus bus) {
            return new DispatcherHealthIndicator(bus.dispatcher());
        }
    }
}
