/**
 * The driven side of the book's Redis bridge (chapter 11): allocations go out on
 * {@code line_allocated}, published from the outbox by the dispatcher.
 */
package io.github.cosmicarch.allocation.examples.adapters.redis;
