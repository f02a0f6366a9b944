package io.github.cosmicarch.allocation.adapter.jpa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * A test class that runs on one database, opened before its first test and closed after its last:
 * a subclass only says which.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class OneDatabase {

    private JpaDatabase database;

    /** The database to open for this class's tests. */
    abstract JpaDatabase.Builder which();

    @BeforeAll
    void open() {
        database = which().build();
    }

    @AfterAll
    void close() {
        database.close();
    }

    JpaDatabase database() {
        return database;
    }
}
