package io.github.cosmicarch.allocation.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
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
 * Not a target, an explanation of the JPA-to-floor ratio: what the persistence provider itself
 * costs on this database, apart from any code of the library. One transaction reads a product's
 * version once, or {@value #MANY} times, or runs {@value #MANY} updates, through raw JDBC and
 * through an entity manager (a cached JPQL query; native SQL for the updates, as the adapter
 * writes), on the pool and schema the JPA adapter uses. The difference of the differences of the
 * reads is the provider's cost per query; what remains of the one-query difference is its cost
 * per transaction (entity manager, begin, commit); the rest of the updates' difference is its cost
 * per native write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatementCostBenchmark {

    /** Statements in the longer transaction: as many as the JPA adapter issues for one Allocate. */
    static final int MANY = 6;

    @Param({"h2"})
    public String database;

    private BenchmarkDatabase storage;
    private EntityManagerFactory factory;
    private HikariDataSource jdbc;
    private String sku;

    @Setup(Level.Trial)
    public void open() {
        storage = BenchmarkDatabase.open(database);
        factory = storage.jpa().entityManagerFactory();
        jdbc = storage.jdbc();
        sku = "COST-" + UUID.randomUUID().toString().substring(0, 8);
        Bootstrap.builder().unitsOfWork(storage.jpa()).readModelKeptByStorage().build()
                .handle(CreateBatch.inWarehouse(sku + "-batch", sku, 10));
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        storage.close();
    }

    @Benchmark
    public long jdbcOneStatement() throws SQLException {
        return jdbcReads(1);
    }

    @Benchmark
    public long jdbcManyStatements() throws SQLException {
        return jdbcReads(MANY);
    }

    @Benchmark
    public long jpaOneStatement() {
        return jpaReads(1);
    }

    @Benchmark
    public long jpaManyStatements() {
        return jpaReads(MANY);
    }

    @Benchmark
    public long jdbcManyUpdates() throws SQLException {
        long sum = 0;
        try (Connection connection = jdbc.getConnection()) {
            for (int statement = 0; statement < MANY; statement++) {
                try (PreparedStatement update = connection.prepareStatement("update products set version = version where sku = ?")) {
                    update.setString(1, sku);
                    sum += update.executeUpdate();
                }
            }
            connection.commit();
        }
        return sum;
    }

    @Benchmark
    public long jpaManyNativeUpdates() {
        long sum = 0;
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            for (int statement = 0; statement < MANY; statement++) {
                sum += em.createNativeQuery("update products set version = version where sku = ?1")
                        .setParameter(1, sku)
                        .executeUpdate();
            }
            em.getTransaction().commit();
        } finally {
            em.close();
        }
        return sum;
    }

    private long jdbcReads(int statements) throws SQLException {
        long sum = 0;
        try (Connection connection = jdbc.getConnection()) {
            for (int statement = 0; statement < statements; statement++) {
                try (PreparedStatement read = connection.prepareStatement("select version from products where sku = ?")) {
                    read.setString(1, sku);
                    try (ResultSet rows = read.executeQuery()) {
                        rows.next();
                        sum += rows.getLong(1);
                    }
                }
            }
            connection.commit();
        }
        return sum;
    }

    private long jpaReads(int statements) {
        long sum = 0;
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            for (int statement = 0; statement < statements; statement++) {
                sum += em.createQuery("select p.version from ProductRow p where p.sku = :sku", Long.class)
                        .setParameter("sku", sku)
                        .getSingleResult();
            }
            em.getTransaction().commit();
        } finally {
            em.close();
        }
        return sum;
    }
}
