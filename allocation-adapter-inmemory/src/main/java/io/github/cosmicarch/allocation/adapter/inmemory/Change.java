package io.github.cosmicarch.allocation.adapter.inmemory;

import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A product a unit of work wants to write, frozen before the commit, with the version it was read
 * at (empty for a product the unit of work created), the lines its new batches were built holding
 * (by batch reference, oldest first), and the events it recorded since it was read or last
 * committed, which the commit turns into lines and into changes of the read model.
 */
record Change(StoredProduct product, OptionalLong versionRead, Map<String, List<OrderLine>> linesBuiltIn,
              List<DomainEvent> newEvents) {}
