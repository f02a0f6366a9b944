package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads in plain JDBC on the entity manager's connection, in its transaction, as
 * {@link SqlWrites} writes: a query costs what the driver costs, not the provider's query
 * machinery, which adds nothing where rows become values at once. A failure is a
 * {@link PersistenceException} with the driver's {@code SQLException} as its cause, for
 * {@link Failures} to translate.
 */
final class SqlReads {

    /** Turns the current row of a result into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private SqlReads() {}

    /**
     * Runs one query with {@code ?} placeholders.
     *
     * @param limit the most rows read, 0 for all
     * @return a value per row, in the order the database answered them
     */
    static <T> List<T> list(EntityManager em, String sql, int limit, Row<T> row, Object... parameters) {
        return em.callWithConnection((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                SqlWrites.bind(statement, parameters);
                statement.setMaxRows(limit);
                List<T> values = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        values.add(row.read(rows));
                    }
                }
                return values;
            } catch (SQLException failure) {
                throw new PersistenceException("The database refused " + sql, failure);
            }
        });
    }

    /** Runs one query with {@code ?} placeholders; a value per row. */
    static <T> List<T> list(EntityManager em, String sql, Row<T> row, Object... parameters) {
        return list(em, sql, 0, row, parameters);
    }
}
