package io.github.cosmicarch.allocation.domain.model;

/**
 * A fact the domain records when something worth telling others happens to a product.
 *
 * <p>The hierarchy is sealed: the events are the three below and no other module can add one, so
 * code that tells them apart with {@code instanceof} (Java 17 has no pattern {@code switch} to
 * check it for completeness) knows every case; a test of the event encoding covers each.
 */
public sealed interface DomainEvent permits Allocated, Deallocated, OutOfStock {

    /** {@return the sku of the product the event happened to, never blank} */
    String sku();
}
