package io.github.cosmicarch.allocation.examples.application;

import io.github.cosmicarch.allocation.examples.entrypoints.http.RequestDeadline;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Gives every health indicator {@value #LIMIT_MS} ms to answer, so that {@code GET /actuator/health}
 * is answered within seconds while the database is frozen: Boot's {@code db} indicator and the
 * dispatcher's each make two calls to the database one after the other, and the health endpoint
 * asks the indicators one after the other, so the driver's time-outs would add up to many seconds.
 * An indicator that does not answer in time is reported DOWN, saying so; its check runs on until
 * the driver's time-outs end it.
 */
final class HealthTimeLimits implements BeanPostProcessor, DisposableBean {

    /** How long one indicator may take. */
    static final long LIMIT_MS = 1_500;
    /** Checks running at once, those that outlived their request included; more are reported DOWN at once. */
    private static final int WORKERS = 8;

    private final RequestDeadline deadline = new RequestDeadline("health-check", Duration.ofMillis(LIMIT_MS), WORKERS);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HealthIndicator indicator) {
            return new TimeLimited(indicator, deadline);
        }
        return bean;
    }

    @Override
    public void destroy() {
        deadline.close();
    }

    /** An indicator that answers within the deadline: what the one it wraps says, or DOWN. */
    private record TimeLimited(HealthIndicator checked, RequestDeadline deadline) implements HealthIndicator {

        @Override
        public Health health() {
            try {
                return deadline.run(checked::health);
            } catch (RequestDeadline.Missed late) {
                return Health.down().withDetail("error", late.getMessage()).build();
            }
        }
    }
}
