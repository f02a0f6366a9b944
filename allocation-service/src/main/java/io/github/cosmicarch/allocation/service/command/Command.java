package io.github.cosmicarch.allocation.service.command;

/**
 * A request to change the system, such as allocating an order line. A command has exactly one
 * handler, and its failure is the caller's to deal with. The sealed hierarchy lets the bootstrap
 * check that every command has its handler.
 *
 * @param <R> what handling the command answers
 */
public sealed interface Command<R> permits Allocate, CreateBatch, ChangeBatchQuantity {}
