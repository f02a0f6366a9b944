/**
 * Jakarta Persistence adapters for the allocation ports. Hibernate is the provider it is tested
 * with; H2 is the embedded default and PostgreSQL the production database.
 */
module io.github.cosmicarch.allocation.adapter.jpa {
    requires transitive io.github.cosmicarch.allocation.service;
    requires transitive jakarta.persistence;
    requires java.sql;
    requires com.zaxxer.hikari;

    uses jakarta.persistence.spi.PersistenceProvider;

    exports io.github.cosmicarch.allocation.adapter.jpa;
    // The persistence provider reads and writes the fields of the row classes.
    opens io.github.cosmicarch.allocation.adapter.jpa;
}
