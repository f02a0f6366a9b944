/**
 * Jakarta Persistence adapters for the allocation ports. Hibernate is the provider it is tested
 * with, on H2 (the embedded default), PostgreSQL and MariaDB. HikariCP and Flyway are needed by
 * {@code JpaDatabase} only, and are optional.
 */
module io.github.cosmicarch.allocation.adapter.jpa {
    requires transitive io.github.cosmicarch.allocation.service;
    requires transitive jakarta.persistence;
    requires java.sql;
    requires static com.zaxxer.hikari;
    requires static flyway.core;

    uses jakarta.persistence.spi.PersistenceProvider;

    exports io.github.cosmicarch.allocation.adapter.jpa;
    // The persistence provider reads and writes the fields of the row classes.
    opens io.github.cosmicarch.allocation.adapter.jpa;
}
