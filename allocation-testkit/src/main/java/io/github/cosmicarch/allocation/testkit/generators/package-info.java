/**
 * Generators of allocation values and commands, in two flavours over the same pools of ids and
 * ranges of quantities: QuickTheories {@code Gen}s ({@link io.github.cosmicarch.allocation.testkit.generators.AllocationGenerators})
 * and plain samplers over {@link java.util.Random} ({@link io.github.cosmicarch.allocation.testkit.generators.AllocationSamplers})
 * for any other property-based testing library.
 */
package io.github.cosmicarch.allocation.testkit.generators;
