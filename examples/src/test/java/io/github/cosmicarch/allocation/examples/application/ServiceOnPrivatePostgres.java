package io.github.cosmicarch.allocation.examples.application;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The example service on a PostgreSQL of its own, for the tests that freeze, stop or kill that
 * database; skipped where PostgreSQL is not installed.
 *
 * @param postgres    the database server
 * @param application the service, on that database
 * @param http        a client of the service
 */
record ServiceOnPrivatePostgres(PrivatePostgres postgres, AllocationApplication application, HttpClientForTests http) {

    /** Starts the database, then the service on it. */
    static ServiceOnPrivatePostgres start() throws Exception {
        Optional<Path> installation = PrivatePostgres.installation();
        Assumptions.assumeTrue(installation.isPresent(), "PostgreSQL is not installed here");
        PrivatePostgres postgres = PrivatePostgres.start(installation.get());
        AllocationApplication application = AllocationApplication.start(TestSettings.on(postgres.jdbcUrl()));
        return new ServiceOnPrivatePostgres(postgres, application, new HttpClientForTests(application.port()));
    }

    /** Stops the service, then the database. */
    void stop() throws Exception {
        try {
            application.close();
        } finally {
            postgres.close();
        }
    }
}
