/**
 * The Redis event bridge of the book's chapter 11: commands come in on {@code change_batch_quantity},
 * allocations go out on {@code line_allocated}.
 */
package io.github.cosmicarch.allocation.examples.redis;
