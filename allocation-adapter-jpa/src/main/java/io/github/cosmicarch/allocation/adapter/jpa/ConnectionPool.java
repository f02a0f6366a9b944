package io.github.cosmicarch.allocation.adapter.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The HikariCP pool of a {@link JpaDatabase}, kept apart so that nothing else in the adapter
 * loads a HikariCP class: the library is optional.
 */
final class ConnectionPool implements DataSource, Closeable {

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

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(pool) ? type.cast(pool) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(pool) || pool.isWrapperFor(type);
    }

    @Override
    public void close() {
        pool.close();
    }
}
