package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.adapter.jpa.AllocationSchema;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Migrates the library's tables with Flyway on Boot's {@code DataSource}, before the {@code EntityManagerFactory}
 * starts: a Flyway of its own, with its own history table ({@value AllocationSchema#HISTORY_TABLE})
 * and the migrations of the database the {@code DataSource} reaches, after the application's own
 * Flyway or Liquibase migrations, whose history is left as it is. Boot is told that the schema is managed, so
 * that it does not default Hibernate to creating tables on an embedded database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Flyway.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "allocation.migrations", name = "enabled", matchIfMissing = true)
@Import(DatabaseInitializationDependencyConfigurer.class)
class AllocationMigrationsConfiguration {

    /** The name of the bean that migrates, which the entity manager factory waits for. */
    static final String MIGRATIONS_BEAN = "allocationMigrations";

    /**
     * Migrates when created, after the application's own migrations: on an empty database theirs
     * find it empty, as Flyway wants, and ours baseline beside them. Not a
     * {@code FlywayMigrationInitializer}: Boot would then leave out its own.
     */
    @Bean(MIGRATIONS_BEAN)
    @DependsOnDatabaseInitialization
    InitializingBean allocationMigrations(DataSource dataSource) {
        return () -> Flyway.configure(AllocationSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(schemaOf(dataSource).migrations())
                .table(AllocationSchema.HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    @Bean
    static EntityManagerFactoryDependsOnPostProcessor allocationMigrationsBeforeJpa() {
        return new EntityManagerFactoryDependsOnPostProcessor(MIGRATIONS_BEAN);
    }

    @Bean
    SchemaManagementProvider allocationSchemaManagement(DataSource migrated) {
        return dataSource -> dataSource == migrated ? SchemaManagement.MANAGED : SchemaManagement.UNMANAGED;
    }

    private static AllocationSchema schemaOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return AllocationSchema.forJdbcUrl(connection.getMetaData().getURL());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reach the database to learn which one it is: " + e.getMessage(), e);
        }
    }
}
