/**
 * In-memory adapters for the allocation ports: {@link io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase}
 * and its read model.
 */
module io.github.cosmicarch.allocation.adapter.inmemory {
    requires transitive io.github.cosmicarch.allocation.service;

    exports io.github.cosmicarch.allocation.adapter.inmemory;
}
