package io.github.cosmicarch.allocation.adapter.jpa;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test class that runs on one database of its own, opened at its first test and kept open until
 * the JVM ends ({@link TestDatabases#keptOpen}): a subclass only says which.
 */
abstract class OneDatabase {

    private static final Map<Class<?>, JpaDatabase> OPEN = new ConcurrentHashMap<>();

    /** The database to open for this class's tests. */
    abstract JpaDatabase.Builder which();

    JpaDatabase database() {
        return OPEN.computeIfAbsent(getClass(), type -> TestDatabases.keptOpen(which()));
    }
}
