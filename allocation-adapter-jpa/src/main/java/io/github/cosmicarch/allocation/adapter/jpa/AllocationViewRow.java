package io.github.cosmicarch.allocation.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code allocations_view}, the read model; the id orders an order's rows. Final: never proxied. */
@Entity
@Table(name = "allocations_view")
final class AllocationViewRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "order_id", nullable = false, length = 255)
    private String orderId;

    @Column(name = "sku", nullable = false, length = 255)
    private String sku;

    @Column(name = "batch_reference", nullable = false, length = 255)
    private String batchReference;

    protected AllocationViewRow() {}

    AllocationViewRow(String orderId, String sku, String batchReference) {
        this.orderId = orderId;
        this.sku = sku;
        this.batchReference = batchReference;
    }
}
