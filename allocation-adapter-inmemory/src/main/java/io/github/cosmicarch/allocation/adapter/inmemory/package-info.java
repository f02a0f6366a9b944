/**
 * In-memory adapters that behave like a transactional database, for tests, demos and anyone who
 * needs no durability.
 */
package io.github.cosmicarch.allocation.adapter.inmemory;
