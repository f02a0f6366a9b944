package io.github.cosmicarch.allocation.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.Notifications;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.generators.AllocationGenerators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the README, compiled and run here: each lies between a {@code // README}
 * and a {@code // END README} comment in this module's test sources, and the README's Java blocks
 * must be exactly those snippets, so that neither can drift from the other.
 */
class ReadmeTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path README = MODULE.resolveSibling("README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SNIPPET = Pattern.compile("\n([ \t]*)// README\n(.*?)\n[ \t]*// END README", Pattern.DOTALL);

    @Test
    void theDomainOnItsOwn() {
        // README
        Product product = new Product("SMALL-TABLE");
        product.addBatch(new Batch("in-stock", "SMALL-TABLE", 20, null));
        product.addBatch(new Batch("ship-monday", "SMALL-TABLE", 50, LocalDate.of(2026, 11, 23)));

        Optional<String> batch = product.allocate(new OrderLine("order-1", "SMALL-TABLE", 10)); // "in-stock"
        List<DomainEvent> events = product.collectEvents(); // [Allocated[orderId=order-1, ...]]
        // END README

        assertThat(batch).contains("in-stock");
        assertThat(events).containsExactly(new Allocated("order-1", "SMALL-TABLE", 10, "in-stock"));
        assertThat(events.get(0).toString()).startsWith("Allocated[orderId=order-1, ");
    }

    @Test
    void theWholeServiceInMemory() {
        // README
        Notifications mailer = (address, message) -> System.out.println("To " + address + ": " + message);
        InMemoryDatabase database = new InMemoryDatabase();
        MessageBus bus = Bootstrap.builder()
                .unitsOfWork(database)                  // storage from the adapter
                .readModelKeptByStorage()               // which keeps the read model in its commits
                .notifications(mailer)                  // optional: defaults to the log
                .groupAllocations(true)                 // optional: a hot product's allocations share commits
                .messageBus()                           // the bus's own settings from here
                .retryPolicy(RetryPolicy.defaults())    // optional: conflicts are retried
                .groupsAtOnce(2)                        // optional: groups span products, 2 at a time
                .build();                               // one bus for every thread

        bus.dispatcher().start();                       // retries effects that failed; in memory they run at once

        bus.handle(CreateBatch.inWarehouse("in-stock", "SMALL-TABLE", 20));
        Optional<String> batch = bus.handle(new Allocate("order-1", "SMALL-TABLE", 10)); // "in-stock"
        database.allocationsView().allocations("order-1"); // [OrderAllocation[sku=SMALL-TABLE, batchReference=in-stock]]
        // END README

        try {
            assertThat(batch).contains("in-stock");
            assertThat(database.allocationsView().allocations("order-1"))
                    .containsExactly(new OrderAllocation("SMALL-TABLE", "in-stock"));
        } finally {
            bus.dispatcher().close();
        }
    }

    @Test
    void theWholeServiceOnARealDatabase() {
        // README
        try (JpaDatabase database = JpaDatabase.connect("jdbc:h2:mem:allocation;DB_CLOSE_DELAY=-1")) {
            MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().build();
            bus.dispatcher().start();
            bus.handle(CreateBatch.inWarehouse("in-stock", "SMALL-TABLE", 20));
            bus.handle(new Allocate("order-1", "SMALL-TABLE", 10));
            database.allocationsView().allocations("order-1"); // [OrderAllocation[sku=SMALL-TABLE, batchReference=in-stock]]
            bus.dispatcher().close();                   // before the database
        }
        // END README

        try (JpaDatabase again = JpaDatabase.connect("jdbc:h2:mem:allocation;DB_CLOSE_DELAY=-1")) {
            assertThat(again.allocationsView().allocations("order-1"))
                    .containsExactly(new OrderAllocation("SMALL-TABLE", "in-stock"));
        }
    }

    @Test
    void aPropertyOfAllocationOnTheTestkitsGenerators() {
        // README
        qt().withExamples(1_000)
            .forAll(AllocationGenerators.productsWithALine())
            .checkAssert(example -> {
                Product product = example.product();
                Optional<String> batch = product.allocate(example.line());
                product.batches().forEach(each -> assertThat(each.availableQuantity()).isNotNegative());
                batch.ifPresent(reference -> assertThat(product.allocate(example.line())).contains(reference));
            });
        // END README
    }

    @Test
    void theReadmesJavaBlocksAreExactlyTheSnippetsHere() throws IOException {
        List<String> snippets = new ArrayList<>();
        try (var sources = Files.walk(MODULE.resolve("src/test/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher snippet = SNIPPET.matcher(Files.readString(source));
                while (snippet.find()) {
                    snippets.add(dedent(snippet.group(2), snippet.group(1)));
                }
            }
        }
        List<String> blocks = JAVA_BLOCK.matcher(Files.readString(README)).results()
                .map(block -> block.group(1).stripTrailing())
                .toList();

        assertThat(blocks).isNotEmpty().containsExactlyInAnyOrderElementsOf(snippets);
    }

    /** The snippet as the README shows it: without the indentation of its marker comment. */
    private static String dedent(String snippet, String indentation) {
        return snippet.lines()
                .map(line -> line.startsWith(indentation) ? line.substring(indentation.length()) : line.strip())
                .reduce((first, second) -> first + "\n" + second)
                .orElse("")
                .stripTrailing();
    }
}
