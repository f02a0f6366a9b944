/**
 * The allocation model: {@link io.github.cosmicarch.allocation.domain.model.OrderLine} values,
 * {@link io.github.cosmicarch.allocation.domain.model.Batch} entities and the
 * {@link io.github.cosmicarch.allocation.domain.model.Product} aggregate, the only way in; the
 * events a product records, under the sealed
 * {@link io.github.cosmicarch.allocation.domain.model.DomainEvent}; and the errors it refuses
 * requests with. It decides on values it is given and calls nothing outside itself.
 */
package io.github.cosmicarch.allocation.domain.model;
