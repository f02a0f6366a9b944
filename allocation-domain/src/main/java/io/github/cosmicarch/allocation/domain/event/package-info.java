/**
 * What happened in the domain: the events a {@link io.github.cosmicarch.allocation.domain.model.Product}
 * records while it changes, all under the sealed {@link io.github.cosmicarch.allocation.domain.event.DomainEvent}.
 */
package io.github.cosmicarch.allocation.domain.event;
