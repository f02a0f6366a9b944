package io.github.cosmicarch.allocation.service.command;

/**
 * Change the purchased quantity of a batch; lines that no longer fit are deallocated and then
 * allocated again elsewhere.
 *
 * @param reference the batch's reference, not blank
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
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("reference must not be blank, but was "
                    + (reference == null ? "null" : '"' + reference + '"'));
        }
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be at least 0, but was " + quantity);
        }
    }
}
