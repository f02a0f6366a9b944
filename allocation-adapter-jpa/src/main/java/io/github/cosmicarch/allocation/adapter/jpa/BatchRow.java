package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A row of {@code batches}, mapped for the queries (rows are written in SQL). Final: never proxied. */
@Entity
@Table(name = "batches")
final class BatchRow {

    @Id
    @Column(name = "reference", length = 255)
    private String reference;

    @Column(name = "sku", nullable = false, length = 255)
    private String sku;

    @Column(name = "purchased_quantity", nullable = false)
    private int purchasedQuantity;

    @Column(name = "allocated_quantity", nullable = false)
    private int allocatedQuantity;

    @Column(name = "eta")
    private LocalDate eta;

    @Column(name = "addition_order", nullable = false)
    private int additionOrder;

    protected BatchRow() {}

}
