package io.github.cosmicarch.allocation.service.command;

import io.github.cosmicarch.allocation.domain.model.Identifiers;

/**
 * Change the purchased quantity of a batch; lines that no longer fit are deallocated and then
 * allocated again elsewhere.
 *
 * @param reference the batch's reference: see {@link Identifiers}
 * @param quantity  the new purchased quantity, at least 0
 */
public record ChangeBatchQuantity(String reference, int quantity) implements Command<Void> {

    /**
     * Validates the command.
     *
     * @param reference the batch's reference
     * @param quantity  the new purchased quantity
     * @throws IllegalArgumentException naming the field and its value when one is invalid
     */
    public ChangeBatchQuantity {
        Identifiers.require("reference", reference);
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be at least 0, but was " + quantity);
        }
    }
}
