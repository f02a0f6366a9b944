package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Writes in plain JDBC on the entity manager's connection, in its transaction
 * ({@code EntityManager.callWithConnection}, Jakarta Persistence 3.2), so that a write costs what
 * the driver costs, not the provider's native query machinery (ADR 10). Nothing here flushes the entity manager: flush
 * it first when a write depends on rows it persists. A failure is a {@link PersistenceException}
 * with the driver's {@code SQLException} as its cause, for {@link Failures} to translate.
 */
final class SqlWrites {

    private SqlWrites() {}

    /**
     * Runs one statement with {@code ?} placeholders.
     *
     * @return the update count
     */
    static int update(EntityManager em, String sql, Object... parameters) {
        return em.callWithConnection((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                return statement.executeUpdate();
            } catch (SQLException failure) {
                throw new PersistenceException("The database refused " + sql, failure);
            }
        });
    }

    /**
     * Runs one statement once for each row of parameters, sent together as a JDBC batch: one
     * round trip to the database for the rows of a group of commands rather than one each.
     */
    static void batch(EntityManager em, String sql, List<Object[]> rows) {
        if (rows.size() < 2) {
            rows.forEach(parameters -> update(em, sql, parameters));
            return;
        }
        em.runWithConnection((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] parameters : rows) {
                    bind(statement, parameters);
                    statement.addBatch();
                }
                statement.executeBatch();
            } catch (SQLException failure) {
                throw new PersistenceException("The database refused " + sql, failure);
            }
        });
    }

    /** Sets the parameters of a statement, in order; {@code null} as SQL's null. */
    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int index = 0; index < parameters.length; index++) {
            if (parameters[index] == null) {
                statement.setNull(index + 1, Types.NULL);
            } else {
                statement.setObject(index + 1, parameters[index]);
            }
        }
    }

    /** {@code ?, ?, ?} for a list of {@code count} values. */
    static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
