/**
 * The ports the domain is stored through: the {@link io.github.cosmicarch.allocation.domain.port.Products}
 * repository and the {@link io.github.cosmicarch.allocation.domain.port.UnitOfWork} that makes a
 * set of changes atomic, with the two ways storage refuses: a concurrent change and a failure.
 * Adapters implement them; handlers only call them.
 */
package io.github.cosmicarch.allocation.domain.port;
