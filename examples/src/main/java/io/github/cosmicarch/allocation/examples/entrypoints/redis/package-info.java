/**
 * The driving side of the book's Redis bridge (chapter 11): {@code change_batch_quantity} messages
 * come in on the channel of that name, and on the stream of that name for a consumer group, and
 * become commands on the bus.
 */
package io.github.cosmicarch.allocation.examples.entrypoints.redis;
