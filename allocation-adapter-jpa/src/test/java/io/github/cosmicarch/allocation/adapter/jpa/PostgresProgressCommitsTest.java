package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * On PostgreSQL the dispatcher's progress commits without waiting for the disk, and an allocation
 * waits for it: told apart by the WAL flushes the server counts ({@code pg_stat_wal.wal_sync}),
 * which a backend reports as its connection closes.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
class PostgresProgressCommitsTest {

    private static final int COMMITS = 100;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String url = TestDatabases.postgresUrl().orElseThrow() + "&ApplicationName=progress-" + run;

    @Test
    void theDispatchersProgressCommitsWithoutWaitingForTheDiskWhileAllocationsWait() throws Exception {
        assumeTrue(setting("fsync").equals("on") && setting("synchronous_commit").equals("on"),
                "the server waits for the disk at commit");
        String sku = "PROGRESS-" + run;
        List<UUID> events = new ArrayList<>();

        long beforeAllocations = flushesOnceClosed();
        try (JpaDatabase database = JpaDatabase.builder(url).maximumPoolSize(1).build()) {
            try (OutboxUnitOfWork uow = database.start()) {
                Product product = new Product(sku);
                product.addBatch(new Batch(sku + "-batch", sku, COMMITS, null));
                uow.products().add(product);
                uow.commit();
            }
            for (int line = 0; line < COMMITS; line++) {
                try (OutboxUnitOfWork uow = database.start()) {
                    OrderLine orderLine = new OrderLine(sku + "-order-" + line, sku, 1);
                    uow.products().get(sku).orElseThrow().allocate(orderLine, uow.products().allocationsOf(orderLine));
                    uow.commit();
                    uow.collectNewEvents().stream().map(RecordedEvent::id).forEach(events::add);
                }
            }
        }
        long afterAllocations = flushesOnceClosed();
        try (JpaDatabase database = JpaDatabase.builder(url).maximumPoolSize(1).build()) {
            for (UUID event : events) {
                try (OutboxUnitOfWork uow = database.start()) {
                    assertThat(uow.outbox().claim(List.of(event), Set.of())).hasSize(1);
                    uow.outbox().record(event, "publish", HandlerProgress.done());
                    uow.outbox().finished(event);
                    uow.commit();
                }
            }
        }
        long afterProgress = flushesOnceClosed();

        System.out.printf("WAL flushes: %d for %d allocations, %d for the progress of their events%n",
                afterAllocations - beforeAllocations, COMMITS, afterProgress - afterAllocations);
        assertThat(events).hasSize(COMMITS);
        assertThat(afterAllocations - beforeAllocations).as("flushes for the allocations").isGreaterThanOrEqualTo(COMMITS);
        assertThat(afterProgress - afterAllocations).as("flushes for the dispatcher's progress").isLessThan(COMMITS / 4);
    }

    /** The WAL flushes counted so far, once this test's connections have closed and reported theirs. */
    private long flushesOnceClosed() throws Exception {
        try (Connection connection = DriverManager.getConnection(TestDatabases.postgresUrl().orElseThrow());
             Statement statement = connection.createStatement()) {
            for (int wait = 0; wait < 200 && count(statement, "select count(*) from pg_stat_activity where application_name = 'progress-"
                    + run + "'") > 0; wait++) {
                Thread.sleep(50);
            }
            return count(statement, "select wal_sync from pg_stat_wal");
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String setting(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabases.postgresUrl().orElseThrow());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
