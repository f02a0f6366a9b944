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

    private final String sku = "TRIPS-" + UUID.randomUUID().toString().substring(0, 8);

    /** The configured database, on one connection through the proxy. */
    private static JpaDatabase throughProxy(RoundTrips trips) {
        return JpaDatabase.builder(TestDatabases.postgresUrl().orElseThrow()
                        .replace(SERVER.getHost() + ":" + SERVER.getPort(), "127.0.0.1:" + trips.port()))
                .maximumPoolSize(1).build();
    }

    @Test
    void anAllocationCostsThreeRoundTrips() throws Exception {
        try (RoundTrips trips = new RoundTrips(SERVER.getHost(), SERVER.getPort());
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
        try (RoundTrips trips = new RoundTrips(SERVER.getHost(), SERVER.getPort());
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
     * first held, and none that the view already holds.
     */
    @Test
    void theReadModelRowsOfOneCommitGoInOrderAndOnce() {
        try (JpaDatabase database = TestDatabases.postgres().maximumPoolSize(1).build()) {
            String order = sku + "-order";
            try (OutboxUnitOfWork uow = database.start()) {
                Product product = new Product(sku);
                product.addBatch(new Batch(sku + "-now", sku, 4, null));
                product.addBatch(new Batch(sku + "-later", sku, 2, LocalDate.of(2031, 1, 1)));
                product.addBatch(new Batch(sku + "-more", sku, 10, LocalDate.of(2032, 1, 1)));
                uow.products().add(product);
                product.allocate(new OrderLine(order, sku, 3));
                uow.commit();
            }
            try (OutboxUnitOfWork uow = database.start()) {
                Product product = uow.products().get(sku).orElseThrow();
                for (int quantity : new int[] {1, 2, 5, 4}) { // to now (held already), later, more, more
                    OrderLine line = new OrderLine(order, sku, quantity);
                    product.allocate(line, uow.products().allocationsOf(line));
                }
                uow.commit();
            }

            assertThat(database.allocationsView().allocations(order)).containsExactly(
                    new OrderAllocation(sku, sku + "-now"), new OrderAllocation(sku, sku + "-later"),
                    new OrderAllocation(sku, sku + "-more"));
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
            OrderLine late = new OrderLine(sku + "-late", sku, 1);
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
                assertThat(product.batch(sku + "-batch").orElseThrow().allocatedQuantity()).isEqualTo(1);
                assertThat(uow.products().allocationsOf(late).batchHolding(late)).isEmpty();
            }
        }
    }
}
