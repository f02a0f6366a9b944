package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import java.util.List;
import java.util.OptionalLong;

/**
 * A product a unit of work wants to write, frozen before the commit, with the version it was read
 * at (empty for a product the unit of work created) and the events it recorded since it was read
 * or last committed, which the commit applies to the lines and the read model.
 */
record Change(StoredProduct product, OptionalLong versionRead, List<DomainEvent> events) {}
