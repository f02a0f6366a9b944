package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import javax.sql.DataSource;
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
     * what is absent.
     */
    static void apply(DataSource source, AllocationSchema schema) {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(source)
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
