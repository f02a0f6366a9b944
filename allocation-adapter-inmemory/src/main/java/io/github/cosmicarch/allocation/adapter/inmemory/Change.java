package io.github.cosmicarch.allocation.adapter.inmemory;

import java.util.OptionalLong;

/**
 * A product a unit of work wants to write, frozen before the commit, with the version it was read
 * at (empty for a product the unit of work created).
 */
record Change(StoredProduct product, OptionalLong versionRead) {}
