/**
 * The allocation model: {@link io.github.cosmicarch.allocation.domain.model.OrderLine} values,
 * {@link io.github.cosmicarch.allocation.domain.model.Batch} entities and the
 * {@link io.github.cosmicarch.allocation.domain.model.Product} aggregate, the only way in.
 */
package io.github.cosmicarch.allocation.domain.model;
