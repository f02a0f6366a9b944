package io.github.cosmicarch.allocation.testkit.generators;

import java.util.List;

/**
 * Where the {@link Recipes} get their choices: a {@code java.util.Random} for the samplers, a
 * QuickTheories randomness source for the generators, which records the draws so that it can
 * shrink them towards their minimum.
 */
@FunctionalInterface
interface Draws {

    /** A whole number from {@code min} to {@code max}, both included. */
    int between(int min, int max);

    /** One of the values, the first ones after shrinking. */
    default <T> T pick(List<T> values) {
        return values.get(between(0, values.size() - 1));
    }
}
