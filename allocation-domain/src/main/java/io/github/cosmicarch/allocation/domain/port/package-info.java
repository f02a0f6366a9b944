/**
 * The ports through which the domain is stored: the {@link io.github.cosmicarch.allocation.domain.port.Products}
 * repository and the {@link io.github.cosmicarch.allocation.domain.port.UnitOfWork} that makes a
 * set of changes atomic. Adapters implement them; the domain and the service layer only call them.
 */
package io.github.cosmicarch.allocation.domain.port;
