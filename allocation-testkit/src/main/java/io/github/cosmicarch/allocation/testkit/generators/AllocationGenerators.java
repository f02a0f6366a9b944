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
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;

/**
 * QuickTheories generators of allocation values and commands. They shrink towards small
 * quantities, the first ids of each pool and short histories.
 */
public final class AllocationGenerators {

    private AllocationGenerators() {}

    /**
     * Skus from a small pool.
     *
     * @return the generator
     */
    public static Gen<String> skus() {
        return pick(SKUS);
    }

    /**
     * Order lines of the given sku.
     *
     * @param sku the product
     * @return the generator
     */
    public static Gen<OrderLine> orderLines(String sku) {
        return pick(ORDER_IDS).zip(range(1, MAX_LINE_QUANTITY), (orderId, quantity) -> new OrderLine(orderId, sku, quantity));
    }

    /**
     * Empty batches of the given sku and reference.
     *
     * @param reference the batch reference
     * @param sku       the product
     * @return the generator
     */
    public static Gen<Batch> batches(String reference, String sku) {
        return range(0, MAX_BATCH_QUANTITY).zip(etas(), (quantity, eta) -> new Batch(reference, sku, quantity, eta.orElse(null)));
    }

    /**
     * Products with a few batches and a few lines already allocated, their events collected.
     *
     * @return the generator
     */
    public static Gen<Product> products() {
        Gen<BatchShape> shapes = range(0, MAX_BATCH_QUANTITY).zip(etas(), BatchShape::new);
        return skus().flatMap(sku -> lists().of(shapes).ofSizeBetween(0, MAX_BATCHES_PER_PRODUCT)
                .zip(lists().of(orderLines(sku)).ofSizeBetween(0, MAX_LINES_PER_PRODUCT), (batches, lines) -> {
                    Product product = new Product(sku);
                    for (int index = 0; index < batches.size(); index++) {
                        BatchShape shape = batches.get(index);
                        product.addBatch(new Batch(Pools.batchReference(sku, index + 1), sku, shape.quantity(),
                                shape.eta().orElse(null)));
                    }
                    lines.forEach(product::allocate);
                    product.collectEvents();
                    return product;
                }));
    }

    /**
     * Allocation commands.
     *
     * @return the generator
     */
    public static Gen<Allocate> allocateCommands() {
        return pick(ORDER_IDS).zip(skus(), range(1, MAX_LINE_QUANTITY), Allocate::new);
    }

    /**
     * Commands adding a batch.
     *
     * @return the generator
     */
    public static Gen<CreateBatch> createBatchCommands() {
        return pick(BATCH_REFERENCES).zip(skus(), range(0, MAX_BATCH_QUANTITY), etas(), CreateBatch::new);
    }

    /**
     * Commands changing a batch's quantity.
     *
     * @return the generator
     */
    public static Gen<ChangeBatchQuantity> changeBatchQuantityCommands() {
        return pick(BATCH_REFERENCES).zip(range(0, MAX_BATCH_QUANTITY), ChangeBatchQuantity::new);
    }

    /**
     * Commands of any kind: two in four allocate, one adds a batch, one changes a quantity.
     *
     * @return the generator
     */
    public static Gen<Command<?>> commands() {
        Gen<Command<?>> allocate = allocateCommands().map(command -> command);
        Gen<Command<?>> create = createBatchCommands().map(command -> command);
        Gen<Command<?>> change = changeBatchQuantityCommands().map(command -> command);
        return frequency(List.of(Pair.of(1, create), Pair.of(1, change), Pair.of(2, allocate)));
    }

    /**
     * Histories of commands, for stateful or differential tests.
     *
     * @param maxLength the most commands
     * @return the generator
     */
    public static Gen<List<Command<?>>> commandHistories(int maxLength) {
        return lists().of(commands()).ofSizeBetween(0, maxLength);
    }

    /** The size and arrival of a batch, before it has a reference. */
    private record BatchShape(int quantity, Optional<LocalDate> eta) {}

    private static Gen<Optional<LocalDate>> etas() {
        Gen<Optional<LocalDate>> shipment = range(0, ETA_DAYS - 1).map(days -> Optional.of(FIRST_ETA.plusDays(days)));
        return frequency(List.of(Pair.of(1, constant(Optional.empty())), Pair.of(WAREHOUSE_ONE_IN - 1, shipment)));
    }
}
