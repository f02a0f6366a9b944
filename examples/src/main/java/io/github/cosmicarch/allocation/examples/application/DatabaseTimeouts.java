package io.github.cosmicarch.allocation.examples.application;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives the connection pool's JDBC driver time-outs, so that a database that is frozen or gone
 * costs a request a few seconds and a 503, never a hung thread: at most 2 s to connect and 5 s
 * waiting for any answer (on PostgreSQL, a statement is also cancelled by the server after 5 s).
 * The drivers name and measure them differently; H2 runs in the process and needs none. A value
 * given in the JDBC URL or in {@code spring.datasource.hikari.data-source-properties} wins.
 */
final class DatabaseTimeouts implements BeanPostProcessor {

    private static final Map<String, String> POSTGRESQL = Map.of(
            "connectTimeout", "2", "loginTimeout", "2", "socketTimeout", "5", "options", "-c statement_timeout=5000");
    private static final Map<String, String> MARIADB = Map.of("connectTimeout", "2000", "socketTimeout", "5000");

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
