package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.RecordedEvent;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Handling one Allocate through the bus issues the same number of SQL statements whatever the
 * product holds (no query per batch, no query per line), and reads no more rows when the product
 * already holds 10 000 lines than when it holds none.
 */
class QueryBudgetTest {

    private static final String URL = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;QUERY_STATISTICS=TRUE";
    private static final JpaDatabase DATABASE = TestDatabases.keptOpen(
            JpaDatabase.builder(URL).property("hibernate.generate_statistics", true));
    private static final Pattern ALLOCATION_TABLES = Pattern.compile(
            "(?i)\\b(products|batches|allocations|allocations_view|outbox_events|outbox_progress)\\b");
    private static final StatementCounter STATEMENTS = new StatementCounter(DATABASE.entityManagerFactory());

    @Test
    void anAllocateCostsAFixedNumberOfStatementsWhateverTheProductHolds() {
        seed("SMALL", 1, 0);
        seed("LARGE", 50, 200);
        MessageBus bus = Bootstrap.builder().unitsOfWork(DATABASE).readModelKeptByStorage().build();

        long small = statementsFor(bus, new Allocate("budget-order", "SMALL", 1));
        long large = statementsFor(bus, new Allocate("budget-order", "LARGE", 1));

        System.out.printf("SQL statements per Allocate: %d on 1 batch, %d on 50 batches holding 10 000 lines%n", small, large);
        assertThat(large).isEqualTo(small);
        assertThat(small).as("load 1, look the line up 1, write 3, read model 1, outbox 1").isEqualTo(7);
    }

    @Test
    void anAllocateReadsNoMoreRowsWhenTheProductAlreadyHoldsManyLines() {
        seed("EMPTY-50", 50, 0);
        seed("FULL-50", 50, 200);
        MessageBus bus = Bootstrap.builder().unitsOfWork(DATABASE).readModelKeptByStorage().build();

        long empty = rowsReadFor(bus, new Allocate("rows-order", "EMPTY-50", 1));
        long full = rowsReadFor(bus, new Allocate("rows-order", "FULL-50", 1));

        System.out.printf("Rows read per Allocate on 50 batches: %d holding no line, %d holding 10 000 lines%n", empty, full);
        assertThat(full).isEqualTo(empty);
    }

    /**
     * A product kept at the version stored is read with the line's allocation in one statement:
     * its row and where the line is held, so that an Allocate makes one read, as the floor does.
     */
    @Test
    void anAllocateOnAProductThatDidNotMoveReadsOneRowHoweverManyBatchesItHas() {
        seed("WIDE", 1_000, 0);
        seed("NARROW", 1, 0);
        MessageBus bus = Bootstrap.builder().unitsOfWork(DATABASE).readModelKeptByStorage().build();
        bus.handle(new Allocate("first-order", "WIDE", 1));
        bus.handle(new Allocate("first-order", "NARROW", 1));

        long wide = rowsReadFor(bus, new Allocate("next-order", "WIDE", 1));
        long narrow = rowsReadFor(bus, new Allocate("next-order", "NARROW", 1));
        long statements = statementsFor(bus, new Allocate("third-order", "WIDE", 1));

        System.out.printf("Rows read per Allocate once the product is known: %d on 1 000 batches, %d on 1%n", wide, narrow);
        assertThat(wide).isEqualTo(narrow);
        assertThat(statements).as("one read of the product's row and the line, write 3, read model 1, outbox 1")
                .isEqualTo(6);
    }

    /**
     * The dispatcher's marks cost no statement they do not need: a claimed event without progress
     * gets its first mark with an insert alone and is finished without deleting progress; an event
     * finished after a mark leaves no progress behind.
     */
    @Test
    void marksOnEventsWithoutProgressDeleteNoProgressAndFinishedEventsLeaveNone() throws SQLException {
        String sku = "MARKS-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> events = twoAllocationsOf(sku);
        UUID marked = events.get(0);
        UUID finished = events.get(1);

        Map<String, Long> before = executedStatements();
        try (OutboxUnitOfWork uow = DATABASE.start()) {
            assertThat(uow.outbox().claim(events, Set.of())).hasSize(2);
            uow.outbox().record(marked, "publish", HandlerProgress.done());
            uow.outbox().finished(finished);
            uow.commit();
        }
        Map<String, Long> after = executedStatements();
        try (OutboxUnitOfWork uow = DATABASE.start()) {
            assertThat(uow.outbox().claim(List.of(marked), Set.of())).hasSize(1);
            uow.outbox().finished(marked);
            uow.commit();
        }

        assertThat(after.entrySet().stream()
                .filter(statement -> statement.getKey().startsWith("delete from outbox_progress"))
                .mapToLong(statement -> statement.getValue() - before.getOrDefault(statement.getKey(), 0L))
                .sum()).as("progress deleted").isZero();
        assertThat(progressRowsOf(marked)).as("progress left by a finished event").isZero();
    }

    private static List<UUID> twoAllocationsOf(String sku) {
        try (OutboxUnitOfWork uow = DATABASE.start()) {
            Product product = new Product(sku);
            product.addBatch(new Batch(sku + "-batch", sku, 100, null));
            uow.products().add(product);
            uow.commit();
        }
        try (OutboxUnitOfWork uow = DATABASE.start()) {
            Product product = uow.products().get(sku).orElseThrow();
            for (OrderLine line : List.of(new OrderLine(sku + "-first", sku, 1), new OrderLine(sku + "-second", sku, 1))) {
                product.allocate(line, uow.products().allocationsOf(line));
            }
            uow.commit();
            return uow.collectNewEvents().stream().map(RecordedEvent::id).toList();
        }
    }

    private static long progressRowsOf(UUID event) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL);
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox_progress where event_id = ?")) {
            count.setObject(1, event);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long rowsReadFor(MessageBus bus, Allocate command) {
        STATEMENTS.reset();
        assertThat(bus.handle(command)).isPresent();
        return STATEMENTS.rowsRead();
    }

    /**
     * Statements on the allocation tables that the database executed for the command, counted by
     * H2 itself ({@code QUERY_STATISTICS}) as the difference of two snapshots: the adapter writes in
     * plain JDBC, which the provider's statistics do not see.
     */
    private static long statementsFor(MessageBus bus, Allocate command) {
        Map<String, Long> before = executedStatements();
        assertThat(bus.handle(command)).isPresent();
        Map<String, Long> after = executedStatements();
        return after.entrySet().stream()
                .filter(statement -> ALLOCATION_TABLES.matcher(statement.getKey()).find())
                .mapToLong(statement -> statement.getValue() - before.getOrDefault(statement.getKey(), 0L))
                .sum();
    }

    private static Map<String, Long> executedStatements() {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(URL);
             ResultSet rows = connection.createStatement().executeQuery(
                     "select sql_statement, execution_count from information_schema.query_statistics")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read H2's query statistics", e);
        }
    }

    /** Writes a product with the given batches, each holding the given number of one-unit lines, in plain SQL. */
    private static void seed(String sku, int batches, int linesPerBatch) {
        try (Connection connection = DriverManager.getConnection(URL);
             PreparedStatement product = connection.prepareStatement("insert into products (sku, version) values (?, ?)");
             PreparedStatement batch = connection.prepareStatement("insert into batches "
                     + "(reference, sku, purchased_quantity, allocated_quantity, eta, addition_order) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement line = connection.prepareStatement(
                     "insert into allocations (batch_reference, sku, order_id, quantity) values (?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            product.setString(1, sku);
            product.setLong(2, batches + (long) batches * linesPerBatch);
            product.executeUpdate();
            for (int index = 0; index < batches; index++) {
                String reference = sku + "-batch-" + index;
                batch.setString(1, reference);
                batch.setString(2, sku);
                batch.setInt(3, linesPerBatch + 10);
                batch.setInt(4, linesPerBatch);
                batch.setDate(5, Date.valueOf(LocalDate.of(2026, 12, 1).plusDays(index)));
                batch.setInt(6, index);
                batch.addBatch();
                for (int order = 0; order < linesPerBatch; order++) {
                    line.setString(1, reference);
                    line.setString(2, sku);
                    line.setString(3, "order-" + index + "-" + order);
                    line.setInt(4, 1);
                    line.addBatch();
                }
            }
            batch.executeBatch();
            line.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seed " + sku, e);
        }
    }
}
