package io.github.cosmicarch.allocation.examples.application;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Says, once the application is ready, where it listens (the address it is bound to, or every
 * interface) and what it uses: the database without its credentials, Redis, e-mail.
 */
final class StartupLog implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger("allocation");

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        int port = ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort();
        String address = environment.getProperty("server.address", "");
        String listening = address.isBlank()
                ? "port " + port + " of every interface (http://localhost:" + port + ")"
                : "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        String database = withoutParameters(environment.getProperty("spring.datasource.url", "(none)"));
        String redis = endpoint(environment, "allocation.example.redis", "6379").orElse("off");
        String email = endpoint(environment, "allocation.example.email", "25").map(smtp -> "SMTP " + smtp).orElse("to the log");
        LOG.info("Allocation service listening on {}; database {}; Redis {}; e-mail {}", listening, database, redis, email);
    }

    private static Optional<String> endpoint(Environment environment, String prefix, String defaultPort) {
        return Optional.ofNullable(environment.getProperty(prefix + ".host"))
                .map(host -> host + ":" + environment.getProperty(prefix + ".port", defaultPort));
    }

    /** A JDBC URL without what may hold a password: its query (PostgreSQL, MariaDB) or settings (H2). */
    static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        int settings = jdbcUrl.startsWith("jdbc:h2:") ? jdbcUrl.indexOf(';') : -1;
        int end = query >= 0 ? query : settings >= 0 ? settings : jdbcUrl.length();
        return jdbcUrl.substring(0, end);
    }
}
