package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Applies the {@linkplain AllocationSchema schema's migrations} with Flyway, kept apart so that
 * nothing else in the adapter loads a Flyway class: the library is optional.
 */
final class Migrations {

    private Migrations() {}

    /**
     * Applies the migrations not yet applied, recorded in their own history table. A schema made
     * before migrations, without that table, is taken as version 0: every migration creates only
     * what is absent. Flyway connects on its own, from the URL: it needs two connections at once,
     * more than a pool of one could lend it.
     */
    static void apply(String jdbcUrl, AllocationSchema schema) {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(jdbcUrl, null, null)
                    .locations(schema.migrations())
                    .table(AllocationSchema.HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StorageFailure("Could not migrate the " + schema + " schema: " + e.getMessage(), e);
        }
    }
}
