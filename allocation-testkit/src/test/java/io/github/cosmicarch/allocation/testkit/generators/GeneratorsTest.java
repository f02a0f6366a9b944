package io.github.cosmicarch.allocation.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Both flavours of generator give valid, varied values; the samplers repeat themselves for a seed. */
class GeneratorsTest {

    @Test
    void generatedProductsAreValidAndVaried() {
        Set<Integer> batchCounts = new HashSet<>();
        Set<Boolean> someAllocated = new HashSet<>();
        qt().withExamples(500).forAll(AllocationGenerators.products()).checkAssert(product -> {
            assertThat(product.collectEvents()).as("events already collected").isEmpty();
            assertThat(product.version()).isGreaterThanOrEqualTo(product.batches().size());
            for (Batch batch : product.batches()) {
                assertThat(batch.sku()).isEqualTo(product.sku());
                assertThat(batch.allocatedQuantity()).isBetween(0, batch.purchasedQuantity());
            }
            batchCounts.add(product.batches().size());
            someAllocated.add(product.batches().stream().anyMatch(batch -> batch.allocatedQuantity() > 0));
        });
        assertThat(batchCounts).containsAll(List.of(0, 1, Pools.MAX_BATCHES_PER_PRODUCT));
        assertThat(someAllocated).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void generatedCommandsAreOfEveryKind() {
        Set<Class<?>> kinds = new HashSet<>();
        qt().withExamples(300).forAll(AllocationGenerators.commandHistories(20))
                .checkAssert(history -> history.forEach(command -> kinds.add(command.getClass())));
        assertThat(kinds).containsExactlyInAnyOrder(Allocate.class, CreateBatch.class, ChangeBatchQuantity.class);
    }

    @Test
    void generatedLinesAndBatchesHaveTheSkuAskedFor() {
        qt().withExamples(200).forAll(AllocationGenerators.orderLines("LAMP"), AllocationGenerators.batches("b1", "LAMP"))
                .checkAssert((line, batch) -> {
                    assertThat(line.sku()).isEqualTo("LAMP");
                    assertThat(batch.reference()).isEqualTo("b1");
                    assertThat(batch.sku()).isEqualTo("LAMP");
                });
    }

    @Test
    void aGeneratedProductComesWithALineOfItsOwnSkuThatItCanAllocate() {
        Set<Boolean> alreadyHeld = new HashSet<>();
        qt().withExamples(300).forAll(AllocationGenerators.productsWithALine()).checkAssert(pair -> {
            assertThat(pair.line().sku()).isEqualTo(pair.product().sku());
            // A product answers a line it already holds with its batch and records nothing; any
            // other line is either allocated or out of stock, and either records an event.
            Optional<String> batch = pair.product().allocate(pair.line());
            List<DomainEvent> events = pair.product().collectEvents();
            boolean held = events.isEmpty();
            if (held) {
                assertThat(batch).isPresent();
            } else {
                assertThat(events).singleElement().isInstanceOfAny(Allocated.class, OutOfStock.class);
            }
            alreadyHeld.add(held);
        });
        assertThat(alreadyHeld).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void generatorsAndSamplersMakeTheSameValuesFromTheSameDraws() {
        Random random = new Random(3);
        Draws fromRandom = (min, max) -> min + random.nextInt(max - min + 1);
        List<Object> sampled = sampleEverything(new Random(3));

        Product product = Recipes.product(fromRandom);
        OrderLine line = Recipes.orderLine(fromRandom, "LAMP");
        List<Command<?>> commands = Recipes.commands(fromRandom, 30);

        assertThat(List.of(product.sku(), product.batches().stream().map(Batch::toString).toList(), line, commands))
                .isEqualTo(sampled);
    }

    @Test
    void generatedValuesShrinkTowardsTheFirstIdsAndSmallQuantities() {
        Draws smallest = (min, max) -> min;

        assertThat(Recipes.orderLine(smallest, "LAMP")).isEqualTo(new OrderLine("order-1", "LAMP", 1));
        assertThat(Recipes.commands(smallest, 30)).isEmpty();
        assertThat(Recipes.command(smallest)).isEqualTo(CreateBatch.inWarehouse("batch-1", "SKU-1", 0));
        assertThat(Recipes.product(smallest).batches()).isEmpty();
    }

    @Test
    void samplersGiveTheSameValuesForTheSameSeed() {
        assertThat(sampleEverything(new Random(7))).isEqualTo(sampleEverything(new Random(7)));
        assertThat(sampleEverything(new Random(7))).isNotEqualTo(sampleEverything(new Random(8)));
    }

    @Test
    void sampledProductsAreValid() {
        Random random = new Random(11);
        IntStream.range(0, 500).mapToObj(draw -> AllocationSamplers.product(random)).forEach(product -> {
            assertThat(product.collectEvents()).isEmpty();
            product.batches().forEach(batch -> assertThat(batch.availableQuantity()).isNotNegative());
        });
    }

    private static List<Object> sampleEverything(Random random) {
        Product product = AllocationSamplers.product(random);
        OrderLine line = AllocationSamplers.orderLine(random, "LAMP");
        List<Command<?>> commands = AllocationSamplers.commands(random, 30);
        return List.of(product.sku(), product.batches().stream().map(Batch::toString).toList(), line, commands);
    }
}
