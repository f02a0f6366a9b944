/**
 * The transactional outbox: the unit of work the bus works in, which stores the events a commit
 * recorded in the same transaction, and the values it keeps of them until every handler is done.
 * Storage adapters implement {@link io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory},
 * {@link io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork} and
 * {@link io.github.cosmicarch.allocation.service.outbox.Outbox}; the testkit's contracts check them.
 */
package io.github.cosmicarch.allocation.service.outbox;
