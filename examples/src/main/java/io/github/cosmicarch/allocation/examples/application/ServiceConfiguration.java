package io.github.cosmicarch.allocation.examples.application;

import io.github.cosmicarch.allocation.examples.adapters.email.SmtpNotifications;
import io.github.cosmicarch.allocation.examples.adapters.redis.RedisEventPublisher;
import io.github.cosmicarch.allocation.examples.entrypoints.http.AllocationEndpoints;
import io.github.cosmicarch.allocation.examples.entrypoints.http.ErrorEndpoint;
import io.github.cosmicarch.allocation.examples.entrypoints.http.JsonErrorReportValve;
import io.github.cosmicarch.allocation.examples.entrypoints.http.RequestDeadline;
import io.github.cosmicarch.allocation.examples.entrypoints.http.RequestLog;
import io.github.cosmicarch.allocation.examples.entrypoints.redis.ChangeBatchQuantityMessages;
import io.github.cosmicarch.allocation.examples.entrypoints.redis.RedisEventBridge;
import io.github.cosmicarch.allocation.examples.entrypoints.redis.RedisStreamBridge;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import io.github.cosmicarch.allocation.service.port.Notifications;
import java.time.Duration;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import redis.clients.jedis.RedisClient;

/**
 * The composition root of the example service: every bean of its own is declared here, no
 * component scanning. The library's auto-configuration (allocation-spring-boot) brings the
 * {@link MessageBus} and the {@link AllocationsView} on Boot's {@code EntityManagerFactory}, and
 * picks up the {@link EventPublisher} and the {@link Notifications} declared here.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ServiceConfiguration {

    /** The example's own properties, which {@link Settings} fills from REDIS_HOST, EMAIL_HOST and the rest. */
    private static final String REDIS_HOST = "${allocation.example.redis.host}";
    private static final String REDIS_PORT = "${allocation.example.redis.port:6379}";
    private static final String EMAIL_HOST = "${allocation.example.email.host}";
    private static final String EMAIL_PORT = "${allocation.example.email.port:25}";
    /** The example's own settings of how long a request waits for its work, in application.properties. */
    private static final String REQUEST_DEADLINE = "${allocation.example.request-deadline}";
    private static final String REQUEST_WORKERS = "${allocation.example.request-workers}";

    @Bean
    AllocationEndpoints allocationEndpoints(MessageBus bus, AllocationsView view, RequestDeadline deadline) {
        return new AllocationEndpoints(bus, view, deadline);
    }

    @Bean(destroyMethod = "close")
    RequestDeadline requestDeadline(@Value(REQUEST_DEADLINE) Duration limit, @Value(REQUEST_WORKERS) int workers) {
        return new RequestDeadline("request-work", limit, workers);
    }

    @Bean
    ErrorEndpoint errorEndpoint() {
        return new ErrorEndpoint();
    }

    /** Tomcat's own error reports (before a request reaches the API) in the API's JSON form. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(JsonErrorReportValve.class.getName()));
    }

    @Bean
    RequestLog requestLog() {
        return new RequestLog();
    }

    @Bean
    static DatabaseTimeouts databaseTimeouts() {
        return new DatabaseTimeouts();
    }

    @Bean
    static HealthTimeLimits healthTimeLimits() {
        return new HealthTimeLimits();
    }

    @Bean
    StartupLog startupLog() {
        return new StartupLog();
    }

    @Bean
    @ConditionalOnProperty("allocation.example.email.host")
    Notifications smtpNotifications(@Value(EMAIL_HOST) String host, @Value(EMAIL_PORT) int port) {
        return new SmtpNotifications(host, port);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("allocation.example.redis.host")
    RedisClient redisClient(@Value(REDIS_HOST) String host, @Value(REDIS_PORT) int port) {
        return RedisClient.create(host, port);
    }

    @Bean
    @ConditionalOnProperty("allocation.example.redis.host")
    EventPublisher redisEventPublisher(RedisClient redis) {
        return new RedisEventPublisher(redis);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("allocation.example.redis.host")
    RedisEventBridge redisEventBridge(@Value(REDIS_HOST) String host, @Value(REDIS_PORT) int port, MessageBus bus) {
        return RedisEventBridge.start(host, port, bus);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("allocation.example.redis.host")
    RedisStreamBridge redisStreamBridge(@Value(REDIS_HOST) String host, @Value(REDIS_PORT) int port, MessageBus bus) {
        return RedisStreamBridge.start(host, port, new ChangeBatchQuantityMessages(bus));
    }
}
