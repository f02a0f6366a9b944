package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.DuplicateBatch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.handler.Handlers;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * On PostgreSQL a commit sends its writes together: an allocation of a product this process
 * keeps costs three round trips (the read, the writes, the commit) where it cost seven, and a
 * conflict found among the writes still rolls every one of them back.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
class PostgresRoundTripsTest {

    private static final URI SERVER = URI.create(TestDatabases.postgresUrl().orElse("jdbc:postgresql://127.0.0.1:5432/")
            .substring("jdbc:".length()));
    private static final int PORT = SERVER.getPort() < 0 ? 5432 : SERVER.getPort();

    private final String sku = "TRIPS-" + UUID.randomUUID().toString().substring(0, 8);

    /** The configured database, on one connection through the proxy. */
    private static JpaDatabase throughProxy(RoundTrips trips) {
        return JpaDatabase.builder(TestDatabases.postgresUrl().orElseThrow()
                        .replace(SERVER.getHost() + (SERVER.getPort() < 0 ? "" : ":" + PORT), "127.0.0.1:" + trips.port()))
                .maximumPoolSize(1).build();
    }

    @Test
    void anAllocationCostsThreeRoundTrips() throws Exception {
        try (RoundTrips trips = new RoundTrips(SERVER.getHost(), PORT);
             JpaDatabase database = throughProxy(trips)) {
            try (OutboxUnitOfWork uow = database.start()) {
                Product product = new Product(sku);
                product.addBatch(new Batch(sku + "-batch", sku, 1_000, null));
                uow.products().add(product);
                uow.commit();
            }
            List<Integer> perAllocation = new ArrayList<>();
            for (int order = 0; order < 20; order++) {
                trips.take();
                try (OutboxUnitOfWork uow = database.start()) {
                    OrderLine line = new OrderLine(sku + "-order-" + order, sku, 1);
                    uow.products().getFor(line).orElseThrow().allocate(line, uow.products().allocationsOf(line));
                    uow.commit();
                }
                perAllocation.add(trips.take());
            }

            System.out.println("Round trips per allocation on PostgreSQL: " + perAllocation);
            assertThat(perAllocation.stream().sorted().toList().get(perAllocation.size() / 2))
                    .as("the median of %s", perAllocation).isEqualTo(3);
        }
    }

    @Test
    void anAddedBatchCostsThreeRoundTripsToo() throws Exception {
        try (RoundTrips trips = new RoundTrips(SERVER.getHost(), PORT);
             JpaDatabase database = throughProxy(trips)) {
            List<Integer> perBatch = new ArrayList<>();
            for (int batch = 0; batch < 20; batch++) {
                trips.take();
                try (OutboxUnitOfWork uow = database.start()) {
                    Handlers.addBatch(new CreateBatch(sku + "-batch-" + batch, sku, 10, Optional.empty()), uow);
                }
                perBatch.add(trips.take());
            }
            try (OutboxUnitOfWork uow = database.start()) {
                CreateBatch again = new CreateBatch(sku + "-batch-3", sku, 10, Optional.empty());
                assertThatThrownBy(() -> Handlers.addBatch(again, uow)).isInstanceOf(DuplicateBatch.class);
            }

            System.out.println("Round trips per batch added on PostgreSQL: " + perBatch);
            assertThat(perBatch.stream().sorted().toList().get(perBatch.size() / 2))
                    .as("the median of %s", perBatch).isEqualTo(3);
        }
    }

    /**
     * The read-model rows of a commit's allocations go as one insert: each row once, in the order
     * first held (here the reverse of their references' alphabetical order), and none that the
     * view already holds.
     */
    @Test
    void theReadModelRowsOfOneCommitGoInOrderAndOnce() {
        try (JpaDatabase database = TestDatabases.postgres().maximumPoolSize(1).build()) {
            String order = sku + "-order";
            List<String> references = new ArrayList<>();
            try (OutboxUnitOfWork uow = database.start()) {
                Product product = new Product(sku);
                for (int batch = 1; batch <= 8; batch++) { // batch n holds n units and is preferred before batch n + 1
                    references.add(sku + "-" + (char) ('z' - batch));
                    product.addBatch(new Batch(references.get(batch - 1), sku, batch, LocalDate.of(2031, 1, batch)));
                }
                uow.products().add(product);
                product.allocate(new OrderLine(order, sku, 1));
                uow.commit();
            }
            try (OutboxUnitOfWork uow = database.start()) {
                Product product = uow.products().get(sku).orElseThrow();
                for (int quantity = 2; quantity <= 8; quantity++) { // quantity n fills batch n
                    OrderLine line = new OrderLine(order, sku, quantity);
                    product.allocate(line, uow.products().allocationsOf(line));
                }
                product.changeBatchQuantity(references.get(7), 20, uow.products().allocationsIn(references.get(7)));
                OrderLine again = new OrderLine(order, sku, 9); // to the last batch, as quantity 8
                product.allocate(again, uow.products().allocationsOf(again));
                uow.commit();
            }

            assertThat(database.allocationsView().allocations(order)).extracting(OrderAllocation::batchReference)
                    .containsExactlyElementsOf(references);
        }
    }

    @Test
    void aConflictAmongTheWritesSentTogetherWritesNothing() {
        try (JpaDatabase database = TestDatabases.postgres().maximumPoolSize(2).build()) {
            try (OutboxUnitOfWork uow = database.start()) {
                Product product = new Product(sku);
                product.addBatch(new Batch(sku + "-batch", sku, 10, null));
                uow.products().add(product);
                uow.commit();
            }
            OrderLine late = new OrderLine(sku + "-late", sku, 2);
            try (OutboxUnitOfWork slow = database.start()) {
                slow.products().getFor(late).orElseThrow().allocate(late, slow.products().allocationsOf(late));
                try (OutboxUnitOfWork fast = database.start()) {
                    OrderLine first = new OrderLine(sku + "-first", sku, 1);
                    fast.products().getFor(first).orElseThrow().allocate(first, fast.products().allocationsOf(first));
                    fast.commit();
                }
                assertThatThrownBy(slow::commit).isInstanceOf(ConcurrencyConflict.class);
            }

            try (OutboxUnitOfWork uow = database.start()) {
                Product product = uow.products().get(sku).orElseThrow();
                assertThat(product.batch(sku + "-batch").orElseThrow().allocatedQuantity()).as("the first line's unit only").isEqualTo(1);
                assertThat(uow.products().allocationsOf(late).batchHolding(late)).isEmpty();
            }
        }
    }
}
