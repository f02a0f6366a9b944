package io.github.cosmicarch.allocation.domain.event;

/**
 * A fact the domain records when something worth telling others happens to a product.
 *
 * <p>The hierarchy is sealed so that a {@code switch} over events is checked for completeness
 * by the compiler: adding an event forces every handler table to decide what to do with it.
 */
public sealed interface DomainEvent permits Allocated, Deallocated, OutOfStock {

    /**
     * The stock-keeping unit of the product the event happened to.
     *
     * @return the sku, never blank
     */
    String sku();
}
