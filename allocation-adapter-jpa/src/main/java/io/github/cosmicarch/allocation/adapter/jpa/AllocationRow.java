package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code allocations}: one order line held by one batch; the id orders them. Final: never proxied. */
@Entity
@Table(name = "allocations")
final class AllocationRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "batch_reference", nullable = false, length = 255)
    private String batchReference;

    @Column(name = "sku", nullable = false, length = 255)
    private String sku;

    @Column(name = "order_id", nullable = false, length = 255)
    private String orderId;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    /** For Hibernate, which reads these rows in queries; the adapter writes them in SQL (ADR 10). */
    protected AllocationRow() {}
}
