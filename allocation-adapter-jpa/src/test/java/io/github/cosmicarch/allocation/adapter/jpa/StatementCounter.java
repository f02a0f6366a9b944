package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;

/**
 * Reads Hibernate's statistics of prepared SQL statements and of the rows its queries read. Reflection keeps the tests free of
 * Hibernate types, which the adapter's module does not read.
 */
final class StatementCounter {

    private final Object statistics;

    StatementCounter(EntityManagerFactory entityManagerFactory) {
        this.statistics = call(entityManagerFactory, "getStatistics");
    }

    void reset() {
        call(statistics, "clear");
    }

    long prepared() {
        return (Long) call(statistics, "getPrepareStatementCount");
    }

    /** Rows returned or touched by every query since the last reset. */
    long rowsRead() {
        long rows = 0;
        for (String query : (String[]) call(statistics, "getQueries")) {
            try {
                Object perQuery = statistics.getClass().getMethod("getQueryStatistics", String.class).invoke(statistics, query);
                rows += (Long) call(perQuery, "getExecutionRowCount");
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Hibernate query statistics are not available: " + e, e);
            }
        }
        return rows;
    }

    private static Object call(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Hibernate statistics are not available: " + e, e);
        }
    }
}
