/**
 * Driven adapters of the application: what the service calls through its ports (publishing to
 * Redis, sending mail), beside the library's storage adapters. They never know an entrypoint.
 */
package io.github.cosmicarch.allocation.examples.adapters;
