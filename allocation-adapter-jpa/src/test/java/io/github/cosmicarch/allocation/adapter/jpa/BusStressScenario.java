package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eight threads allocate distinct orders on one product through one bus with retries, on a real
 * database, with allocations applied one by one and in groups: no batch ends over its purchased quantity, every success is held by the batch it
 * named and shown once in the read model, every failure is reported to its caller.
 */
abstract class BusStressScenario extends OneDatabase {

    private static final int THREADS = 8;
    private static final int ALLOCATIONS_PER_THREAD = 60;


    private record Outcome(Allocate command, Optional<String> batch, boolean conflictReported) {}

    @ParameterizedTest(name = "allocations grouped: {0}")
    @ValueSource(booleans = {false, true})
    void eightThreadsOnOneProductNeverOverAllocateAndEverySuccessIsShownOnce(boolean grouped) throws Exception {
        String sku = "STRESS-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger givenUp = new AtomicInteger();
        AtomicInteger appliedTogether = new AtomicInteger();
        MessageBus bus = Bootstrap.builder().unitsOfWork(database()).readModelKeptByStorage()
                .groupAllocations(grouped)
                .notifications(new RecordingNotifications())
                .messageBus()
                .retryPolicy(new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(20)))
                .observer(new BusObserver() {
                    @Override
                    public void conflicted(Object message, int attempt, ConcurrencyConflict conflict, boolean willRetry) {
                        (willRetry ? retries : givenUp).incrementAndGet();
                    }

                    @Override
                    public void commandsGrouped(List<Command<?>> commands) {
                        appliedTogether.addAndGet(commands.size());
                    }
                })
                .build();
        bus.handle(CreateBatch.inWarehouse(sku + "-warehouse", sku, 150));
        bus.handle(CreateBatch.arriving(sku + "-monday", sku, 150, LocalDate.of(2026, 11, 23)));

        List<Outcome> outcomes = allocateFromEightThreads(bus, sku);

        long reported = outcomes.stream().filter(Outcome::conflictReported).count();
        assertThat(reported).isEqualTo(givenUp.get());
        Map<OrderLine, String> expected = new HashMap<>();
        outcomes.forEach(outcome -> outcome.batch().ifPresent(batch -> expected.put(outcome.command().line(), batch)));
        assertThat(expected).as("some allocations succeed, and demand exceeds stock").isNotEmpty().hasSizeLessThan(outcomes.size());

        Product product;
        Map<OrderLine, String> held = new HashMap<>();
        try (OutboxUnitOfWork uow = database().start()) {
            product = uow.products().get(sku).orElseThrow();
            for (Batch batch : product.batches()) {
                assertThat(batch.allocatedQuantity()).isLessThanOrEqualTo(batch.purchasedQuantity());
                held.putAll(uow.products().allocationsIn(batch.reference()).batchByLine());
            }
        }
        assertThat(held).isEqualTo(expected);
        assertThat(product.version()).isEqualTo(2 + expected.size());
        for (Outcome outcome : outcomes) {
            List<OrderAllocation> shown = database().allocationsView().allocations(outcome.command().orderId());
            assertThat(shown).isEqualTo(outcome.batch().map(batch -> List.of(new OrderAllocation(sku, batch))).orElse(List.of()));
        }
        assertThat(appliedTogether.get() > 0).as("allocations were applied in groups").isEqualTo(grouped);
        System.out.printf("%s: %d allocated, %d retries, %d conflicts reported, %d applied in groups%n", database(),
                expected.size(), retries.get(), reported, appliedTogether.get());
    }

    private static List<Outcome> allocateFromEightThreads(MessageBus bus, String sku) throws Exception {
        List<Callable<List<Outcome>>> threads = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            String prefix = sku + "-order-" + thread + "-";
            threads.add(() -> {
                List<Outcome> outcomes = new ArrayList<>();
                for (int index = 0; index < ALLOCATIONS_PER_THREAD; index++) {
                    Allocate command = new Allocate(prefix + index, sku, 1 + index % 3);
                    try {
                        outcomes.add(new Outcome(command, bus.handle(command), false));
                    } catch (ConcurrencyConflict conflict) {
                        outcomes.add(new Outcome(command, Optional.empty(), true));
                    }
                }
                return outcomes;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Outcome> all = new ArrayList<>();
            for (Future<List<Outcome>> future : pool.invokeAll(threads)) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
