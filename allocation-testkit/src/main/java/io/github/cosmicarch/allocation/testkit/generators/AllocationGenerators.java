package io.github.cosmicarch.allocation.testkit.generators;


import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.util.List;
import java.util.function.Function;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of allocation values and commands. They are made by the same recipes
 * as {@link AllocationSamplers}, from draws that QuickTheories records and shrinks: towards small
 * quantities, the first ids of each pool, warehouse stock and short histories.
 */
public final class AllocationGenerators {

    private AllocationGenerators() {}

    /**
     * Skus from a small pool.
     *
     * @return the generator
     */
    public static Gen<String> skus() {
        return generator(draws -> draws.pick(Pools.SKUS));
    }

    /**
     * Order lines of the given sku.
     *
     * @param sku the product
     * @return the generator
     */
    public static Gen<OrderLine> orderLines(String sku) {
        return generator(draws -> Recipes.orderLine(draws, sku));
    }

    /**
     * Empty batches of the given sku and reference.
     *
     * @param reference the batch reference
     * @param sku       the product
     * @return the generator
     */
    public static Gen<Batch> batches(String reference, String sku) {
        return generator(draws -> Recipes.batch(draws, reference, sku));
    }

    /**
     * Products with a few batches and a few lines already allocated, their events collected.
     *
     * @return the generator
     */
    public static Gen<Product> products() {
        return generator(Recipes::product);
    }

    /**
     * Products as {@link #products()} makes them, each with an order line of its own sku: what a
     * property of {@code Product.allocate} needs.
     *
     * @return the generator
     */
    public static Gen<ProductAndLine> productsWithALine() {
        return generator(Recipes::productAndLine);
    }

    /**
     * Allocation commands.
     *
     * @return the generator
     */
    public static Gen<Allocate> allocateCommands() {
        return generator(Recipes::allocate);
    }

    /**
     * Commands adding a batch.
     *
     * @return the generator
     */
    public static Gen<CreateBatch> createBatchCommands() {
        return generator(Recipes::createBatch);
    }

    /**
     * Commands changing a batch's quantity.
     *
     * @return the generator
     */
    public static Gen<ChangeBatchQuantity> changeBatchQuantityCommands() {
        return generator(Recipes::changeBatchQuantity);
    }

    /**
     * Commands of any kind: two in four allocate, one adds a batch, one changes a quantity.
     *
     * @return the generator
     */
    public static Gen<Command<?>> commands() {
        return generator(Recipes::command);
    }

    /**
     * Histories of commands, for stateful or differential tests.
     *
     * @param maxLength the most commands
     * @return the generator
     */
    public static Gen<List<Command<?>>> commandHistories(int maxLength) {
        return generator(draws -> Recipes.commands(draws, maxLength));
    }

    /** A generator that makes its value from draws on QuickTheories' source, each shrinking to its minimum. */
    private static <T> Gen<T> generator(Function<Draws, T> recipe) {
        return (RandomnessSource source) -> recipe.apply(
                (min, max) -> (int) source.next(Constraint.between(min, max).withShrinkPoint(min)));
    }
}
