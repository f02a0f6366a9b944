package io.github.cosmicarch.allocation.examples.application;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The allocation service as a Spring Boot application: the library's auto-configuration on the
 * configured database, the HTTP API, and, when configured, the Redis event bridge and SMTP
 * notifications. {@link ServiceConfiguration} is the composition root.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java}, or build it and run
 * {@code java -jar examples/target/allocation-service-exec.jar}; see {@link Settings} for the
 * environment variables. Ctrl-C (SIGTERM) stops it gracefully: requests in flight are answered, and
 * what the event dispatcher had not begun stays in the outbox for the next start.
 */
public final class AllocationApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private AllocationApplication(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the application from the environment and runs it until the JVM is asked to stop.
     *
     * @param args Boot's command-line arguments, such as {@code --server.address=127.0.0.1}
     */
    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.from(System.getenv());
        } catch (IllegalArgumentException invalid) {
            System.err.println("Invalid setting: " + invalid.getMessage());
            System.exit(2);
            return;
        }
        application(settings).run(args);
    }

    /**
     * Starts the application, for tests and benchmarks that run it in their own JVM.
     *
     * @param settings what to start with
     * @return the running application; close it to stop
     */
    public static AllocationApplication start(Settings settings) {
        return new AllocationApplication(application(settings).run());
    }

    /**
     * The application, ready to run, for callers that add sources or properties of their own.
     *
     * @param settings what to start with
     * @return a builder of the application
     */
    public static SpringApplicationBuilder application(Settings settings) {
        return new SpringApplicationBuilder(ServiceConfiguration.class).properties(settings.properties());
    }

    /**
     * Wraps a context started by {@link #application(Settings)}.
     *
     * @param context the running context
     * @return the running application; close it to stop
     */
    public static AllocationApplication of(ConfigurableApplicationContext context) {
        return new AllocationApplication(context);
    }

    /**
     * The port the HTTP API listens on.
     *
     * @return the bound port
     */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Stops the application gracefully, as SIGTERM does.
     */
    @Override
    public void close() {
        SpringApplication.exit(context);
    }
}
