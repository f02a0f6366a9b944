package io.github.cosmicarch.allocation.domain.model;

/** Argument checks shared by the model's constructors; each message names the field and the value. */
final class Arguments {

    private Arguments() {}

    static int requireAtLeast(int minimum, String field, int value) {
        if (value < minimum) {
            throw new IllegalArgumentException(field + " must be at least " + minimum + ", but was " + value);
        }
        return value;
    }
}
