package io.github.cosmicarch.allocation.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Allocate, single thread, through the bus on the JPA adapter, against the floor: raw JDBC doing
 * the least one allocation needs in one transaction (read the product's batches with their
 * allocated totals, insert the allocation, add it to the batch's total, bump the version with a
 * version check, insert the read-model row). Both work on the same schema and database.
 *
 * <p>{@code database=postgresql} uses the JDBC URL in the system property
 * {@code allocation.postgres.url}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JpaAllocateBenchmark {

    @Param({"h2"})
    public String database;

    private JpaDatabase jpa;
    private MessageBus bus;
    private HikariDataSource jdbc;
    private String jpaSku;
    private String jdbcSku;
    private long jpaOrder;
    private long jdbcOrder;

    @Setup(Level.Trial)
    public void open() {
        String url = database.equals("postgresql")
                ? System.getProperty("allocation.postgres.url")
                : "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        jpa = JpaDatabase.builder(url).maximumPoolSize(4).build();
        bus = jpa.bootstrap().build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        jpaSku = "JPA-" + run;
        jdbcSku = "JDBC-" + run;
        bus.handle(CreateBatch.inWarehouse(jpaSku + "-batch", jpaSku, Integer.MAX_VALUE / 2));
        bus.handle(CreateBatch.inWarehouse(jdbcSku + "-batch", jdbcSku, Integer.MAX_VALUE / 2));
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(4);
        pool.setAutoCommit(false);
        jdbc = new HikariDataSource(pool);
    }

    @TearDown(Level.Trial)
    public void close() {
        jdbc.close();
        jpa.close();
    }

    @Benchmark
    public Object jpaThroughTheBus() {
        return bus.handle(new Allocate("order-" + jpaOrder++, jpaSku, 1));
    }

    @Benchmark
    public String rawJdbcFloor() throws SQLException {
        String orderId = "order-" + jdbcOrder++;
        try (Connection connection = jdbc.getConnection()) {
            try {
                String chosen = null;
                long version;
                try (PreparedStatement batches = connection.prepareStatement("""
                        select b.reference, b.purchased_quantity, b.allocated_quantity, p.version
                        from batches b join products p on p.sku = b.sku
                        where b.sku = ? order by b.eta nulls first, b.addition_order""")) {
                    batches.setString(1, jdbcSku);
                    try (ResultSet rows = batches.executeQuery()) {
                        version = -1;
                        while (rows.next()) {
                            version = rows.getLong(4);
                            if (chosen == null && rows.getInt(2) - rows.getInt(3) >= 1) {
                                chosen = rows.getString(1);
                            }
                        }
                    }
                }
                try (PreparedStatement line = connection.prepareStatement(
                        "insert into allocations (batch_reference, sku, order_id, quantity) values (?, ?, ?, 1)")) {
                    line.setString(1, chosen);
                    line.setString(2, jdbcSku);
                    line.setString(3, orderId);
                    line.executeUpdate();
                }
                try (PreparedStatement total = connection.prepareStatement(
                        "update batches set allocated_quantity = allocated_quantity + 1 where reference = ?")) {
                    total.setString(1, chosen);
                    total.executeUpdate();
                }
                try (PreparedStatement bump = connection.prepareStatement(
                        "update products set version = ? where sku = ? and version = ?")) {
                    bump.setLong(1, version + 1);
                    bump.setString(2, jdbcSku);
                    bump.setLong(3, version);
                    if (bump.executeUpdate() != 1) {
                        throw new IllegalStateException("concurrent change in a single-threaded benchmark");
                    }
                }
                try (PreparedStatement view = connection.prepareStatement(
                        "insert into allocations_view (order_id, sku, batch_reference) values (?, ?, ?)")) {
                    view.setString(1, orderId);
                    view.setString(2, jdbcSku);
                    view.setString(3, chosen);
                    view.executeUpdate();
                }
                connection.commit();
                return chosen;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        }
    }
}
