package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.EventDispatcher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics, health and operations for the bus, when the application has Micrometer, Boot's health
 * support or its actuator: {@link MicrometerBusObserver}, gauges of the dispatcher's work,
 * {@link DispatcherHealthIndicator} and {@link ParkedEventsEndpoint}.
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

        /**
         * Gauges of the dispatcher's work, read when the meters are: the events due with a handler
         * not done ({@code allocation.events.backlog}) and those with a parked handler
         * ({@code allocation.events.parked}), each counted up to {@value DispatcherHealthIndicator#COUNTED},
         * and how long the oldest pending event has waited ({@code allocation.events.oldest.age});
         * and the counters of parked handlers, at zero, for every handler of the bus.
         */
        @Bean
        @ConditionalOnBean({MeterRegistry.class, MessageBus.class})
        MeterBinder allocationDispatcherMeters(MessageBus bus) {
            EventDispatcher dispatcher = bus.dispatcher();
            return registry -> {
                Gauge.builder("allocation.events.backlog", dispatcher, it -> it.backlog(DispatcherHealthIndicator.COUNTED))
                        .description("Events due with a handler not done, up to " + DispatcherHealthIndicator.COUNTED)
                        .register(registry);
                Gauge.builder("allocation.events.parked", dispatcher, it -> it.parked(DispatcherHealthIndicator.COUNTED).size())
                        .description("Events with a parked handler, waiting for an operator")
                        .register(registry);
                dispatcher.handlerNames().forEach((type, handlers) -> handlers.forEach(handler ->
                        registry.counter(MicrometerBusObserver.PARKED, "event", type.getSimpleName(), "handler", handler)));
                Gauge.builder("allocation.events.oldest.age", dispatcher, it -> it.oldestPendingAge().toMillis() / 1000.0)
                        .description("How long the oldest pending event has waited since it was stored")
                        .baseUnit("seconds")
                        .register(registry);
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebEndpoint.class)
    static class Operations {

        @Bean
        @ConditionalOnBean(MessageBus.class)
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        ParkedEventsEndpoint allocationParkedEventsEndpoint(MessageBus bus) {
            return new ParkedEventsEndpoint(bus.dispatcher());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthCheck {

        @Bean(name = "allocationDispatcherHealthIndicator")
        @ConditionalOnBean(MessageBus.class)
        @ConditionalOnMissingBean(name = "allocationDispatcherHealthIndicator")
        DispatcherHealthIndicator allocationDispatcherHealthIndicator(MessageBus bus, AllocationProperties properties) {
            return new DispatcherHealthIndicator(bus.dispatcher(), properties.health().downWhenParked());
        }
    }
}
