package io.github.cosmicarch.allocation.adapter.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The HikariCP pool of a {@link JpaDatabase}, kept apart so that nothing else in the adapter
 * loads a HikariCP class: the library is optional.
 */
final class ConnectionPool implements AutoCloseable {

    private final HikariDataSource pool;

    private ConnectionPool(HikariDataSource pool) {
        this.pool = pool;
    }

    static ConnectionPool open(String jdbcUrl, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setPoolName("allocation");
        // Read committed everywhere: H2's and PostgreSQL's default, not MariaDB's. MariaDB's
        // repeatable read takes gap locks on every range a claim scans, which hold back the
        // inserts of concurrent commits until the claim ends.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new ConnectionPool(new HikariDataSource(config));
    }

    DataSource dataSource() {
        return pool;
    }

    /** Closes every connection. */
    @Override
    public void close() {
        pool.close();
    }
}
