package io.github.cosmicarch.allocation.adapter.jpa;

import io.github.cosmicarch.allocation.domain.model.Batch;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the database holds of one product, as a unit of work last read or wrote it: the base its
 * next changes are written against. Lines are not kept: the product's events say which lines it
 * allocated and gave back since.
 *
 * @param version     the product's version in the database, or {@link #NOT_STORED}
 * @param batches     each batch's two quantities, by reference
 * @param incarnation the random number of the product's row, given when it was inserted
 */
record Written(long version, Map<String, Quantities> batches, long incarnation) {

    static final long NOT_STORED = -1;

    /** A batch's two quantities as stored. */
    record Quantities(int purchased, int allocated) {

        static Quantities of(Batch batch) {
            return new Quantities(batch.purchasedQuantity(), batch.allocatedQuantity());
        }
    }

    /** A product created in this unit of work: nothing of it is stored yet; its row will get a new incarnation. */
    static Written notStored() {
        return new Written(NOT_STORED, Map.of(), ThreadLocalRandom.current().nextLong());
    }

    boolean isStored() {
        return version != NOT_STORED;
    }
}
