package io.github.cosmicarch.allocation.service.command;

import io.github.cosmicarch.allocation.domain.model.Identifiers;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Add a batch of stock, creating its product when the sku is new.
 *
 * @param reference the batch's reference (see {@code Identifiers}), not used by any other batch
 * @param sku       the product (see {@code Identifiers})
 * @param quantity  how many units were purchased, at least 0
 * @param eta       when the shipment arrives, or empty for stock already in the warehouse;
 *                  {@code null}, as the book passes {@code None}, is taken as empty
 */
public record CreateBatch(String reference, String sku, int quantity, Optional<LocalDate> eta)
        implements Command<Void> {

    /**
     * Validates the command as a batch would.
     *
     * @param reference the batch's reference
     * @param sku       the product
     * @param quantity  how many units were purchased
     * @param eta       when the shipment arrives, or empty or {@code null} for warehouse stock
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public CreateBatch {
        eta = eta == null ? Optional.empty() : eta;
        Identifiers.require("reference", reference);
        Identifiers.require("sku", sku);
        if (quantity < 0) {
            throw new IllegalArgumentException("purchasedQuantity must be at least 0, but was " + quantity);
        }
    }

    /**
     * A batch of stock already in the warehouse.
     *
     * @param reference the batch's reference
     * @param sku       the product
     * @param quantity  how many units were purchased
     * @return the command
     */
    public static CreateBatch inWarehouse(String reference, String sku, int quantity) {
        return new CreateBatch(reference, sku, quantity, Optional.empty());
    }

    /**
     * A batch arriving by shipment.
     *
     * @param reference the batch's reference
     * @param sku       the product
     * @param quantity  how many units were purchased
     * @param eta       when it arrives
     * @return the command
     */
    public static CreateBatch arriving(String reference, String sku, int quantity, LocalDate eta) {
        return new CreateBatch(reference, sku, quantity, Optional.of(eta));
    }
}
