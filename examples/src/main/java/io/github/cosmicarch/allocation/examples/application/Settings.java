package io.github.cosmicarch.allocation.examples.application;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the application is configured with, read from environment variables:
 *
 * <ul>
 *   <li>{@code PORT}: the HTTP port, 5005 unless set (0 picks a free one);</li>
 *   <li>{@code ALLOCATION_DB_URL}: a JDBC URL; unless set, an H2 database in the files
 *       {@code allocation-data/allocation.*} under the working directory, kept across restarts;</li>
 *   <li>{@code REDIS_HOST}, {@code REDIS_PORT}: the Redis event bridge, off unless the host is set
 *       (port 6379 unless set);</li>
 *   <li>{@code EMAIL_HOST}, {@code EMAIL_PORT}: an SMTP server for out-of-stock notifications,
 *       the log unless both are set.</li>
 * </ul>
 *
 * <p>They become Spring Boot properties of the lowest precedence ({@link #properties()}), so that
 * Boot's own properties ({@code SERVER_PORT}, {@code --spring.datasource.url}, ...) work too.
 *
 * @param port     the HTTP port
 * @param database the JDBC URL of the database
 * @param redis    the Redis server, if the bridge is on
 * @param email    the SMTP server, if notifications are mailed
 */
public record Settings(int port, String database, Optional<Endpoint> redis, Optional<Endpoint> email) {

    /**
     * The embedded default: H2 in files under the working directory, so that the data outlives the
     * process and does not fill the heap. H2 closes with the application, not before it.
     */
    public static final String DEFAULT_DATABASE = "jdbc:h2:file:" + Path.of("allocation-data", "allocation").toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE";

    /**
     * A host and a port.
     *
     * @param host the host name or address
     * @param port the port
     */
    public record Endpoint(String host, int port) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * Reads the settings from environment variables.
     *
     * @param environment the variables, such as {@code System.getenv()}
     * @return the settings
     * @throws IllegalArgumentException naming the variable when a value is not valid
     */
    public static Settings from(Map<String, String> environment) {
        int port = portOf(environment, "PORT").orElse(5005);
        String database = valueOf(environment, "ALLOCATION_DB_URL").orElse(DEFAULT_DATABASE);
        Optional<Endpoint> redis = valueOf(environment, "REDIS_HOST")
                .map(host -> new Endpoint(host, portOf(environment, "REDIS_PORT").orElse(6379)));
        Optional<Endpoint> email = valueOf(environment, "EMAIL_HOST").flatMap(host ->
                portOf(environment, "EMAIL_PORT").map(smtpPort -> new Endpoint(host, smtpPort)));
        return new Settings(port, database, redis, email);
    }

    /**
     * The settings as Spring Boot properties.
     *
     * @return the properties, by name
     */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.datasource.url", database);
        if (database.startsWith("jdbc:h2:mem:")) {
            // No user, as a plain JDBC connection to it has, where Boot would pick "sa".
            properties.put("spring.datasource.hikari.username", "");
        }
        redis.ifPresent(endpoint -> {
            properties.put("allocation.example.redis.host", endpoint.host());
            properties.put("allocation.example.redis.port", endpoint.port());
        });
        email.ifPresent(endpoint -> {
            properties.put("allocation.example.email.host", endpoint.host());
            properties.put("allocation.example.email.port", endpoint.port());
        });
        return properties;
    }

    private static Optional<String> valueOf(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Optional<Integer> portOf(Map<String, String> environment, String name) {
        return valueOf(environment, name).map(value -> {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a port number between 0 and 65535, but was \"" + value + "\"");
        });
    }
}
