package io.github.cosmicarch.allocation.testkit.generators;


import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.util.List;
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
        return Recipes.orderLine(draws(random), sku);
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
        return Recipes.batch(draws(random), reference, sku);
    }

    /**
     * A product with a few batches and a few lines already allocated, its events collected.
     *
     * @param random the source
     * @return a valid product
     */
    public static Product product(Random random) {
        return Recipes.product(draws(random));
    }

    /**
     * A product as {@link #product} makes it, and an order line of its sku.
     *
     * @param random the source
     * @return the product and the line
     */
    public static ProductAndLine productAndLine(Random random) {
        return Recipes.productAndLine(draws(random));
    }

    /**
     * An allocation command.
     *
     * @param random the source
     * @return a valid command
     */
    public static Allocate allocate(Random random) {
        return Recipes.allocate(draws(random));
    }

    /**
     * A command adding a batch.
     *
     * @param random the source
     * @return a valid command
     */
    public static CreateBatch createBatch(Random random) {
        return Recipes.createBatch(draws(random));
    }

    /**
     * A command changing a batch's quantity.
     *
     * @param random the source
     * @return a valid command
     */
    public static ChangeBatchQuantity changeBatchQuantity(Random random) {
        return Recipes.changeBatchQuantity(draws(random));
    }

    /**
     * A command of any kind: two in four allocate, one adds a batch, one changes a quantity.
     *
     * @param random the source
     * @return a valid command
     */
    public static Command<?> command(Random random) {
        return Recipes.command(draws(random));
    }

    /**
     * A history of commands, for stateful or differential tests.
     *
     * @param random    the source
     * @param maxLength the most commands, at least 0
     * @return between 0 and {@code maxLength} commands
     */
    public static List<Command<?>> commands(Random random, int maxLength) {
        return Recipes.commands(draws(random), maxLength);
    }

    private static Draws draws(Random random) {
        return (min, max) -> min + random.nextInt(max - min + 1);
    }
}
