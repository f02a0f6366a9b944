package io.github.cosmicarch.allocation.examples.application;

import java.util.Map;
import java.util.Optional;

/**
 * What the application is configured with, read from environment variables:
 *
 * <ul>
 *   <li>{@code PORT}: the HTTP port, 5005 unless set (0 picks a free one);</li>
 *   <li>{@code ALLOCATION_DB_URL}: a JDBC URL, H2 in memory unless set;</li>
 *   <li>{@code REDIS_HOST}, {@code REDIS_PORT}: the Redis event bridge, off unless the host is set
 *       (port 6379 unless set);</li>
 *   <li>{@code EMAIL_HOST}, {@code EMAIL_PORT}: an SMTP server for out-of-stock notifications,
 *       the log unless both are set.</li>
 * </ul>
 *
 * @param port     the HTTP port
 * @param database the JDBC URL of the database
 * @param redis    the Redis server, if the bridge is on
 * @param email    the SMTP server, if notifications are mailed
 */
public record Settings(int port, String database, Optional<Endpoint> redis, Optional<Endpoint> email) {

    /** The embedded default: H2 in memory, alive as long as the application. */
    public static final String DEFAULT_DATABASE = "jdbc:h2:mem:allocation;DB_CLOSE_DELAY=-1";

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
