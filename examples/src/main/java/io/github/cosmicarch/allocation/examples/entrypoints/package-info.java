/**
 * Driving adapters: what turns the outside world's requests into commands and queries (HTTP, Redis
 * listeners). They know the service and the domain, never a driven adapter: the architecture
 * rules check it.
 */
package io.github.cosmicarch.allocation.examples.entrypoints;
