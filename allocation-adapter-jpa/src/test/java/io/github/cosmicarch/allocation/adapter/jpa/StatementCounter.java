package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;

/**
 * Reads Hibernate's statistics of prepared SQL statements. Reflection keeps the tests free of
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

    private static Object call(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Hibernate statistics are not available: " + e, e);
        }
    }
}
