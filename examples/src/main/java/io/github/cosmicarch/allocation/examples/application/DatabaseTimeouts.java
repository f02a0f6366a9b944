package io.github.cosmicarch.allocation.examples.application;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives the connection pool's JDBC driver time-outs, so that a database that is frozen or gone
 * costs a request a few seconds and a 503, never a hung thread: at most 1 s to connect (2 s to log
 * in) and 3 s waiting for any answer; on PostgreSQL the server also cancels a statement after
 * 2.5 s, so that a slow but living database ends it cleanly before the driver gives up on the
 * connection. With the pool's 1 s wait for a connection, one call to the database fits in the
 * 4 s that {@code RequestDeadline} gives a request. The drivers name and measure them differently;
 * H2 runs in the process and needs none. A value given in the JDBC URL or in
 * {@code spring.datasource.hikari.data-source-properties} wins.
 */
final class DatabaseTimeouts implements BeanPostProcessor {

    private static final Map<String, String> POSTGRESQL = Map.of(
            "connectTimeout", "1", "loginTimeout", "2", "socketTimeout", "3", "options", "-c statement_timeout=2500");
    private static final Map<String, String> MARIADB = Map.of("connectTimeout", "1000", "socketTimeout", "3000");

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            timeoutsFor(pool.getJdbcUrl()).forEach(pool.getDataSourceProperties()::putIfAbsent);
        }
        return bean;
    }

    static Map<String, String> timeoutsFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        return Map.of();
    }
}
