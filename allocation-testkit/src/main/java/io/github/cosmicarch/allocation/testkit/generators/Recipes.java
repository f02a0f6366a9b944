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

/**
 * How each value is made from a sequence of draws: the one implementation behind both
 * {@link AllocationGenerators} and {@link AllocationSamplers}. Draws that shrink to their minimum
 * give small quantities, the first ids of each pool, warehouse stock and short histories.
 */
final class Recipes {

    private Recipes() {}

    static OrderLine orderLine(Draws draws, String sku) {
        return new OrderLine(draws.pick(ORDER_IDS), sku, draws.between(1, MAX_LINE_QUANTITY));
    }

    static Batch batch(Draws draws, String reference, String sku) {
        return new Batch(reference, sku, draws.between(0, MAX_BATCH_QUANTITY), eta(draws).orElse(null));
    }

    static Product product(Draws draws) {
        String sku = draws.pick(SKUS);
        Product product = new Product(sku);
        int batches = draws.between(0, MAX_BATCHES_PER_PRODUCT);
        for (int index = 1; index <= batches; index++) {
            product.addBatch(batch(draws, Pools.batchReference(sku, index), sku));
        }
        int lines = draws.between(0, MAX_LINES_PER_PRODUCT);
        for (int line = 0; line < lines; line++) {
            product.allocate(orderLine(draws, sku));
        }
        product.collectEvents();
        return product;
    }

    static ProductAndLine productAndLine(Draws draws) {
        Product product = product(draws);
        return new ProductAndLine(product, orderLine(draws, product.sku()));
    }

    static Allocate allocate(Draws draws) {
        return new Allocate(draws.pick(ORDER_IDS), draws.pick(SKUS), draws.between(1, MAX_LINE_QUANTITY));
    }

    static CreateBatch createBatch(Draws draws) {
        return new CreateBatch(draws.pick(BATCH_REFERENCES), draws.pick(SKUS), draws.between(0, MAX_BATCH_QUANTITY),
                eta(draws));
    }

    static ChangeBatchQuantity changeBatchQuantity(Draws draws) {
        return new ChangeBatchQuantity(draws.pick(BATCH_REFERENCES), draws.between(0, MAX_BATCH_QUANTITY));
    }

    /** Two in four allocate, one adds a batch, one changes a quantity; shrinks towards adding a batch. */
    static Command<?> command(Draws draws) {
        return switch (draws.between(0, 3)) {
            case 0 -> createBatch(draws);
            case 1 -> changeBatchQuantity(draws);
            default -> allocate(draws);
        };
    }

    static List<Command<?>> commands(Draws draws, int maxLength) {
        int length = draws.between(0, maxLength);
        List<Command<?>> commands = new ArrayList<>(length);
        for (int index = 0; index < length; index++) {
            commands.add(command(draws));
        }
        return commands;
    }

    /** Warehouse stock one time in {@link Pools#WAREHOUSE_ONE_IN}, else a shipment on one of a few days. */
    static Optional<LocalDate> eta(Draws draws) {
        return draws.between(0, WAREHOUSE_ONE_IN - 1) == 0
                ? Optional.empty()
                : Optional.of(FIRST_ETA.plusDays(draws.between(0, ETA_DAYS - 1)));
    }
}
