package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The writes of one commit, in order. Sent together, they wait for {@link #send()} and go as one
 * prepared statement of several, which PostgreSQL's driver sends in one round trip: an
 * allocation's five writes cost one round trip instead of five. Sent one by one, as on the other
 * databases and in a caller's transaction, each runs as it is added, so that a conflict stops the
 * writes after it. Either way each check of an update count runs once its statement has run and
 * before the transaction commits, so a conflict it finds rolls back every write.
 */
final class Statements {

    private static final IntConsumer UNCHECKED = count -> {};

    private record Queued(String sql, Object[] parameters, IntConsumer check) {}

    private final EntityManager em;
    private final boolean together;
    private final List<Queued> queued = new ArrayList<>();

    private Statements(EntityManager em, boolean together) {
        this.em = em;
        this.together = together;
    }

    /** Writes that wait for {@link #send()} and go in one round trip. */
    static Statements together(EntityManager em) {
        return new Statements(em, true);
    }

    /** Writes that each run as they are added. */
    static Statements oneByOne(EntityManager em) {
        return new Statements(em, false);
    }

    /** Adds a statement with {@code ?} placeholders. */
    void add(String sql, Object... parameters) {
        add(sql, UNCHECKED, parameters);
    }

    /** Adds a statement whose update count {@code check} is given once it has run; the check may throw. */
    void add(String sql, IntConsumer check, Object... parameters) {
        if (together) {
            queued.add(new Queued(sql, parameters, check));
        } else {
            check.accept(SqlWrites.update(em, sql, parameters));
        }
    }

    /**
     * Adds an insert of rows, each an array of its column values in the order {@code into} names
     * the columns: sent together, one statement of several rows; one by one, a JDBC batch of
     * one-row statements.
     *
     * @param into the start of the insert, {@code insert into table (columns)}
     */
    void insertRows(String into, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String row = "(" + String.join(", ", Collections.nCopies(rows.get(0).length, "?")) + ")";
        if (together) {
            add(into + " values " + String.join(", ", Collections.nCopies(rows.size(), row)),
                    rows.stream().flatMap(Arrays::stream).toArray());
        } else {
            SqlWrites.batch(em, into + " values " + row, rows);
        }
    }

    /**
     * Adds an insert of the rows the table does not hold yet, a row held when every column given
     * has the row's value; each row once, in order. Sent together, several rows are one statement
     * that reads them from a list of values in their order; otherwise each row is a statement.
     */
    void insertMissingRows(String table, List<String> columns, List<Object[]> rows) {
        String names = String.join(", ", columns);
        List<List<Object>> distinct = rows.stream().map(Arrays::asList).distinct().toList();
        if (!together || distinct.size() < 2) {
            String held = columns.stream().map(column -> column + " = ?").collect(Collectors.joining(" and "));
            String placeholders = String.join(", ", Collections.nCopies(columns.size(), "?"));
            for (List<Object> row : distinct) {
                add("insert into " + table + " (" + names + ") select " + placeholders
                        + " where not exists (select 1 from " + table + " where " + held + ")",
                        Stream.concat(row.stream(), row.stream()).toArray());
            }
            return;
        }
        String values = IntStream.range(0, distinct.size())
                .mapToObj(index -> "(" + index + ", " + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")")
                .collect(Collectors.joining(", "));
        add("insert into " + table + " (" + names + ") select "
                + columns.stream().map(column -> "v." + column).collect(Collectors.joining(", "))
                + " from (values " + values + ") as v (listed, " + names + ")"
                + " where not exists (select 1 from " + table + " t where "
                + columns.stream().map(column -> "t." + column + " = v." + column).collect(Collectors.joining(" and "))
                + ") order by v.listed",
                distinct.stream().flatMap(List::stream).toArray());
    }

    /**
     * Sends what waits, then runs the statement at once, for a write whose update count decides
     * the writes that follow it.
     *
     * @return its update count
     */
    int runNow(String sql, Object... parameters) {
        send();
        return SqlWrites.update(em, sql, parameters);
    }

    /** Sends the statements waiting, in one round trip, then runs their checks in order. */
    void send() {
        if (queued.isEmpty()) {
            return;
        }
        List<Queued> sent = List.copyOf(queued);
        queued.clear();
        int[] counts = em.callWithConnection((Connection connection) -> run(connection, sent));
        for (int index = 0; index < sent.size(); index++) {
            sent.get(index).check().accept(counts[index]);
        }
    }

    private static int[] run(Connection connection, List<Queued> statements) {
        String sql = statements.stream().map(Queued::sql).collect(Collectors.joining(";\n"));
        Object[] parameters = statements.stream().flatMap(statement -> Arrays.stream(statement.parameters()))
                .toArray();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            SqlWrites.bind(statement, parameters);
            int[] counts = new int[statements.size()];
            boolean rows = statement.execute();
            for (int index = 0; index < counts.length; index++) {
                if (rows || statement.getUpdateCount() < 0) {
                    throw new IllegalStateException("Statement " + (index + 1) + " of " + counts.length
                            + " sent together answered no update count: " + statements.get(index).sql());
                }
                counts[index] = statement.getUpdateCount();
                rows = statement.getMoreResults();
            }
            return counts;
        } catch (SQLException failure) {
            throw new PersistenceException("The database refused the " + statements.size() + " statements sent together,"
                    + " from: " + statements.get(0).sql(), failure);
        }
    }
}
