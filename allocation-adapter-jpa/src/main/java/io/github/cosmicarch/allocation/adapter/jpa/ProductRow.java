package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code products}: the aggregate's identity and version, mapped for the queries (rows are written in SQL). Final: never proxied. */
@Entity
@Table(name = "products")
final class ProductRow {

    @Id
    @Column(name = "sku", length = 255)
    private String sku;

    @Column(name = "version", nullable = false)
    private long version;

    /** A random number given when the row is inserted: see {@link ProductSnapshots}. */
    @Column(name = "incarnation", nullable = false)
    private long incarnation;

    protected ProductRow() {}

}
