package io.github.cosmicarch.allocation.examples.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.examples.application.HttpClientForTests.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two instances of the application on one database, hammered together on one product: no batch
 * is over-allocated and no request is answered with a 5xx.
 */
class TwoInstancesTest {

    private static final int CLIENTS = 8;
    private static final int REQUESTS_PER_CLIENT = 40;

    @Test
    void twoInstancesOnOneH2DatabaseNeverOverAllocate() throws Exception {
        hammer("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "ALLOCATION_POSTGRES_URL", matches = ".+")
    void twoInstancesOnOnePostgresqlDatabaseNeverOverAllocate() throws Exception {
        hammer(System.getenv("ALLOCATION_POSTGRES_URL"));
    }

    private static void hammer(String databaseUrl) throws Exception {
        Settings settings = new Settings(0, databaseUrl, Optional.empty(), Optional.empty());
        String sku = "HOT-" + UUID.randomUUID().toString().substring(0, 8);
        try (AllocationApplication first = AllocationApplication.start(settings);
             AllocationApplication second = AllocationApplication.start(settings)) {
            List<HttpClientForTests> instances = List.of(new HttpClientForTests(first.port()), new HttpClientForTests(second.port()));
            assertThat(instances.get(0).addBatch(sku + "-a", sku, 100, null).status()).isEqualTo(201);
            assertThat(instances.get(1).addBatch(sku + "-b", sku, 100, "2031-01-01").status()).isEqualTo(201);

            Map<Integer, Integer> statuses = allocateFromEightClients(instances, sku);

            assertThat(statuses.keySet()).as("statuses %s", statuses).allMatch(status -> status < 500);
            assertThat(statuses).containsKey(202);
            try (JpaDatabase database = JpaDatabase.connect(databaseUrl);
                 UnitOfWork uow = database.start()) {
                Product product = uow.products().get(sku).orElseThrow();
                int allocatedLines = 0;
                for (Batch batch : product.batches()) {
                    assertThat(batch.allocatedQuantity()).isLessThanOrEqualTo(batch.purchasedQuantity());
                    List<OrderLine> lines = uow.products().allocationsIn(batch.reference()).linesIn(batch.reference());
                    assertThat(lines.stream().mapToInt(OrderLine::quantity).sum()).as("lines held by %s", batch.reference())
                            .isEqualTo(batch.allocatedQuantity());
                    allocatedLines += lines.size();
                }
                assertThat(allocatedLines).as("demand exceeds stock: some orders find none").isLessThan(CLIENTS * REQUESTS_PER_CLIENT);
                System.out.printf("Two instances on %s: statuses %s, %d lines allocated%n",
                        databaseUrl.substring(0, databaseUrl.indexOf(':', 5)), statuses, allocatedLines);
            }
        }
    }

    private static Map<Integer, Integer> allocateFromEightClients(List<HttpClientForTests> instances, String sku) throws Exception {
        List<Callable<List<Integer>>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int clientNumber = client;
            clients.add(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int request = 0; request < REQUESTS_PER_CLIENT; request++) {
                    HttpClientForTests instance = instances.get((clientNumber + request) % 2);
                    Answer answer = instance.allocate(sku + "-order-" + clientNumber + "-" + request, sku, 1 + request % 2);
                    statuses.add(answer.status());
                }
                return statuses;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            Map<Integer, Integer> counts = new TreeMap<>();
            for (Future<List<Integer>> future : pool.invokeAll(clients)) {
                future.get().forEach(status -> counts.merge(status, 1, Integer::sum));
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }
}
