package io.github.cosmicarch.allocation.testkit.generators;

import static io.github.cosmicarch.allocation.testkit.generators.Pools.BATCH_REFERENCES;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.ETA_DAYS;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.FIRST_ETA;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.MAX_BATCHES_PER_PRODUCT;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.MAX_BATCH_QUANTITY;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.MAX_LINES_PER_PRODUCT;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.MAX_LINE_QUANTITY;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.ORDER_IDS;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.SKUS;
import static io.github.cosmicarch.allocation.testkit.generators.Pools.WAREHOUSE_ONE_IN;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random allocation values and commands drawn from a {@link Random}, for any property-based
 * testing library: wrap a method reference in that library's "from a random source" generator.
 * The same seed gives the same values.
 */
public final class AllocationSamplers {

    private AllocationSamplers() {}

    /**
     * An order line of the given sku.
     *
     * @param random the source
     * @param sku    the product
     * @return a valid line
     */
    public static OrderLine orderLine(Random random, String sku) {
        return new OrderLine(pick(random, ORDER_IDS), sku, 1 + random.nextInt(MAX_LINE_QUANTITY));
    }

    /**
     * An empty batch of the given sku: warehouse stock or a shipment.
     *
     * @param random    the source
     * @param reference the batch reference
     * @param sku       the product
     * @return a valid batch
     */
    public static Batch batch(Random random, String reference, String sku) {
        return new Batch(reference, sku, random.nextInt(MAX_BATCH_QUANTITY + 1), eta(random).orElse(null));
    }

    /**
     * A product with a few batches and a few lines already allocated, its events collected.
     *
     * @param random the source
     * @return a valid product
     */
    public static Product product(Random random) {
        String sku = pick(random, SKUS);
        Product product = new Product(sku);
        int batches = random.nextInt(MAX_BATCHES_PER_PRODUCT + 1);
        for (int index = 1; index <= batches; index++) {
            product.addBatch(batch(random, Pools.batchReference(sku, index), sku));
        }
        int lines = random.nextInt(MAX_LINES_PER_PRODUCT + 1);
        for (int line = 0; line < lines; line++) {
            product.allocate(orderLine(random, sku));
        }
        product.collectEvents();
        return product;
    }

    /**
     * An allocation command.
     *
     * @param random the source
     * @return a valid command
     */
    public static Allocate allocate(Random random) {
        return new Allocate(pick(random, ORDER_IDS), pick(random, SKUS), 1 + random.nextInt(MAX_LINE_QUANTITY));
    }

    /**
     * A command adding a batch.
     *
     * @param random the source
     * @return a valid command
     */
    public static CreateBatch createBatch(Random random) {
        return new CreateBatch(pick(random, BATCH_REFERENCES), pick(random, SKUS),
                random.nextInt(MAX_BATCH_QUANTITY + 1), eta(random));
    }

    /**
     * A command changing a batch's quantity.
     *
     * @param random the source
     * @return a valid command
     */
    public static ChangeBatchQuantity changeBatchQuantity(Random random) {
        return new ChangeBatchQuantity(pick(random, BATCH_REFERENCES), random.nextInt(MAX_BATCH_QUANTITY + 1));
    }

    /**
     * A command of any kind: two in four allocate, one adds a batch, one changes a quantity.
     *
     * @param random the source
     * @return a valid command
     */
    public static Command<?> command(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> createBatch(random);
            case 1 -> changeBatchQuantity(random);
            default -> allocate(random);
        };
    }

    /**
     * A history of commands, for stateful or differential tests.
     *
     * @param random    the source
     * @param maxLength the most commands, at least 0
     * @return between 0 and {@code maxLength} commands
     */
    public static List<Command<?>> commands(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        List<Command<?>> commands = new ArrayList<>(length);
        for (int index = 0; index < length; index++) {
            commands.add(command(random));
        }
        return commands;
    }

    private static Optional<LocalDate> eta(Random random) {
        return random.nextInt(WAREHOUSE_ONE_IN) == 0
                ? Optional.empty()
                : Optional.of(FIRST_ETA.plusDays(random.nextInt(ETA_DAYS)));
    }

    private static String pick(Random random, List<String> pool) {
        return pool.get(random.nextInt(pool.size()));
    }
}
