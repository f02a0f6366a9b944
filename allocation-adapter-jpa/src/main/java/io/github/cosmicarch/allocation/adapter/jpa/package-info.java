/**
 * Jakarta Persistence adapters: {@link io.github.cosmicarch.allocation.adapter.jpa.JpaUnitOfWorkFactory}
 * and {@link io.github.cosmicarch.allocation.adapter.jpa.JpaAllocationsView} over an
 * {@code EntityManagerFactory} you provide, or {@link io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase}
 * that builds everything from a JDBC URL. No JPA or Hibernate exception crosses this API: version
 * conflicts become {@link io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict}, other
 * failures {@link io.github.cosmicarch.allocation.domain.port.StorageFailure}.
 */
package io.github.cosmicarch.allocation.adapter.jpa;
