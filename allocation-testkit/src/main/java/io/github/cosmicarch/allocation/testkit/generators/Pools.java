package io.github.cosmicarch.allocation.testkit.generators;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The ids and ranges both flavours of generator draw from. The pools are small on purpose, so
 * that repeated lines, shared skus, duplicate and unknown references and equal etas are common.
 */
final class Pools {

    static final List<String> SKUS = names("SKU-", 3);
    static final List<String> ORDER_IDS = names("order-", 12);
    static final List<String> BATCH_REFERENCES = names("batch-", 8);

    static final int MAX_LINE_QUANTITY = 20;
    static final int MAX_BATCH_QUANTITY = 100;
    static final int ETA_DAYS = 5;
    /** One time in this many, a batch is warehouse stock. */
    static final int WAREHOUSE_ONE_IN = 3;
    static final LocalDate FIRST_ETA = LocalDate.of(2026, 12, 1);

    static final int MAX_BATCHES_PER_PRODUCT = 5;
    static final int MAX_LINES_PER_PRODUCT = 12;

    private Pools() {}

    private static List<String> names(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(number -> prefix + number).toList();
    }

    static String batchReference(String sku, int index) {
        return sku + "-batch-" + index;
    }
}
