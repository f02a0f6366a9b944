/**
 * The message bus: it hands each command to its one handler and each event to all of its
 * handlers, gives every handler a unit of work of its own, queues the events that unit of work
 * collects, and retries work that met a concurrency conflict.
 */
package io.github.cosmicarch.allocation.service.bus;
