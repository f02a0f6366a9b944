/**
 * Benchmarks of the allocation library: JMH benchmarks of the domain, the message bus and the JPA
 * adapter against a raw-JDBC floor, and a load harness for the HTTP application. See
 * {@code benchmarks/run}.
 */
package io.github.cosmicarch.allocation.benchmarks;
