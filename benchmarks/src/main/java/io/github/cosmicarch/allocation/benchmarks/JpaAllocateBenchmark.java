package io.github.cosmicarch.allocation.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
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
 * version check, insert the read-model row). All work on the same schema and database; a third
 * benchmark, {@link #rawJdbcAdapterStatements}, issues the adapter's own statements by hand.
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

    private BenchmarkDatabase storage;
    private MessageBus bus;
    private HikariDataSource jdbc;
    private String jpaSku;
    private String jdbcSku;
    private String sameSku;
    private long jpaOrder;
    private long jdbcOrder;
    private long sameOrder;

    @Setup(Level.Trial)
    public void open() {
        storage = BenchmarkDatabase.open(database);
        bus = Bootstrap.builder().unitsOfWork(storage.jpa()).readModelKeptByStorage().build();
        bus.dispatcher().start();
        jdbc = storage.jdbc();
        String run = UUID.randomUUID().toString().substring(0, 8);
        jpaSku = "JPA-" + run;
        jdbcSku = "JDBC-" + run;
        sameSku = "SAME-" + run;
        for (String sku : new String[] {jpaSku, jdbcSku, sameSku}) {
            bus.handle(CreateBatch.inWarehouse(sku + "-batch", sku, Integer.MAX_VALUE / 2));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        bus.dispatcher().close();
        storage.close();
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
                return allocateAtTheFloor(connection, jdbcSku, orderId);
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        }
    }

    /**
     * The floor: the least one allocation needs, in one transaction: read the product's batches
     * with their allocated totals and its version, insert the line, add it to the batch's total,
     * bump the version with a version check, insert the read-model row, commit.
     *
     * @return the batch chosen
     */
    static String allocateAtTheFloor(Connection connection, String sku, String orderId) throws SQLException {
        String chosen = null;
        long version = -1;
        try (PreparedStatement batches = connection.prepareStatement("""
                select b.reference, b.purchased_quantity, b.allocated_quantity, p.version
                from batches b join products p on p.sku = b.sku
                where b.sku = ? order by b.eta nulls first, b.addition_order""")) {
            batches.setString(1, sku);
            try (ResultSet rows = batches.executeQuery()) {
                while (rows.next()) {
                    version = rows.getLong(4);
                    if (chosen == null && rows.getInt(2) - rows.getInt(3) >= 1) {
                        chosen = rows.getString(1);
                    }
                }
            }
        }
        update(connection, "insert into allocations (batch_reference, sku, order_id, quantity) values (?, ?, ?, 1)",
                chosen, sku, orderId);
        update(connection, "update batches set allocated_quantity = allocated_quantity + 1 where reference = ?", chosen);
        bumpVersion(connection, sku, version);
        update(connection, "insert into allocations_view (order_id, sku, batch_reference) values (?, ?, ?)",
                orderId, sku, chosen);
        connection.commit();
        return chosen;
    }

    /**
     * Not a target, an explanation: raw JDBC issuing the very statements the JPA adapter issues
     * for one Allocate, with the same parameters: the product and its batches in one query, the
     * lookup of the line with the product's version (an allocation is idempotent, and a stale
     * product must not read newer lines), the version check, the batch's new
     * quantities, the line, and the read-model row unless the order already shows that batch. What
     * separates it from {@link #jpaThroughTheBus} is Hibernate and the library; what separates it
     * from {@link #rawJdbcFloor} is what the domain asks beyond the floor.
     */
    @Benchmark
    public String rawJdbcAdapterStatements() throws SQLException {
        String orderId = "order-" + sameOrder++;
        try (Connection connection = jdbc.getConnection()) {
            try {
                String chosen = null;
                int purchased = 0;
                int allocated = 0;
                long version = -1;
                try (PreparedStatement product = connection.prepareStatement("""
                        select p.version, b.reference, b.purchased_quantity, b.eta, b.allocated_quantity
                        from products p left join batches b on b.sku = p.sku
                        where p.sku = ? order by b.addition_order""")) {
                    product.setString(1, sameSku);
                    try (ResultSet rows = product.executeQuery()) {
                        while (rows.next()) {
                            version = rows.getLong(1);
                            if (chosen == null && rows.getInt(3) - rows.getInt(5) >= 1) {
                                chosen = rows.getString(2);
                                purchased = rows.getInt(3);
                                allocated = rows.getInt(5);
                            }
                        }
                    }
                }
                try (PreparedStatement line = connection.prepareStatement("""
                        select p.version, a.batch_reference from products p left join allocations a
                            on a.sku = p.sku and a.order_id = ? and a.quantity = ?
                        where p.sku = ?""")) {
                    line.setString(1, orderId);
                    line.setInt(2, 1);
                    line.setString(3, sameSku);
                    try (ResultSet rows = line.executeQuery()) {
                        if (!rows.next() || rows.getLong(1) != version || rows.getString(2) != null) {
                            throw new IllegalStateException("every order of this benchmark is new, on an unchanged product");
                        }
                    }
                }
                bumpVersion(connection, sameSku, version);
                update(connection, "update batches set purchased_quantity = ?, allocated_quantity = ? where reference = ?",
                        purchased, allocated + 1, chosen);
                update(connection, "insert into allocations (batch_reference, sku, order_id, quantity) values (?, ?, ?, 1)",
                        chosen, sameSku, orderId);
                update(connection, """
                        insert into allocations_view (order_id, sku, batch_reference)
                        select ?, ?, ? where not exists (select 1 from allocations_view
                            where order_id = ? and sku = ? and batch_reference = ?)""",
                        orderId, sameSku, chosen, orderId, sameSku, chosen);
                connection.commit();
                return chosen;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        }
    }

    private static void bumpVersion(Connection connection, String sku, long version) throws SQLException {
        if (update(connection, "update products set version = ? where sku = ? and version = ?", version + 1, sku, version) != 1) {
            throw new IllegalStateException("concurrent change in a single-threaded benchmark");
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setObject(index + 1, parameters[index]);
            }
            return statement.executeUpdate();
        }
    }
}
