package io.github.cosmicarch.allocation.adapter.inmemory;

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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eight threads share one bus and allocate 8 000 distinct orders on two products with less stock
 * than demand: whatever the interleaving, no batch is over-allocated, and the read model shows
 * every successful allocation exactly once.
 */
class MessageBusConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ALLOCATIONS_PER_THREAD = 1_000;
    private static final List<String> SKUS = List.of("HOT-LAMP", "HOT-DESK");
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    private final InMemoryDatabase database = new InMemoryDatabase();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();
    private final AtomicInteger appliedTogether = new AtomicInteger();

    private MessageBus bus(boolean grouped) {
        return Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage()
                .groupAllocations(grouped)
                .notifications(new RecordingNotifications())
                .messageBus()
                .retryPolicy(new RetryPolicy(50, Duration.ofNanos(100_000), Duration.ofMillis(5)))
                .observer(new BusObserver() {
                    @Override
                    public void conflicted(Object message, int attempt, ConcurrencyConflict conflict, boolean willRetry) {
                        (willRetry ? retried : givenUp).incrementAndGet();
                    }

                    @Override
                    public void commandsGrouped(List<Command<?>> commands) {
                        appliedTogether.addAndGet(commands.size());
                    }
                })
                .build();
    }

    /** What happened to one order. */
    private record Outcome(Allocate command, Optional<String> batch, boolean conflictReported) {}

    @ParameterizedTest(name = "allocations grouped: {0}")
    @ValueSource(booleans = {false, true})
    void noBatchIsOverAllocatedAndEverySuccessIsInTheReadModelExactlyOnce(boolean grouped) throws Exception {
        MessageBus bus = bus(grouped);
        for (String sku : SKUS) {
            bus.handle(CreateBatch.inWarehouse(sku + "-warehouse", sku, 1_000));
            bus.handle(CreateBatch.arriving(sku + "-monday", sku, 1_000, MONDAY));
            bus.handle(CreateBatch.arriving(sku + "-later", sku, 1_000, MONDAY.plusDays(7)));
        }

        List<Outcome> outcomes = allocateFromEightThreads(bus);

        Map<String, Outcome> successes = new HashMap<>();
        outcomes.stream().filter(outcome -> outcome.batch().isPresent())
                .forEach(outcome -> successes.put(outcome.command().orderId(), outcome));
        long reported = outcomes.stream().filter(Outcome::conflictReported).count();
        assertThat(outcomes).hasSize(THREADS * ALLOCATIONS_PER_THREAD);
        assertThat(successes).isNotEmpty().hasSizeLessThan(outcomes.size());
        assertThat(reported).as("conflicts given up are reported to their caller").isEqualTo(givenUp.get());

        for (String sku : SKUS) {
            Map<OrderLine, String> held = new HashMap<>();
            try (OutboxUnitOfWork uow = database.start()) {
                Product product = uow.products().get(sku).orElseThrow();
                for (Batch batch : product.batches()) {
                    assertThat(batch.allocatedQuantity()).as("allocated in %s", batch)
                            .isLessThanOrEqualTo(batch.purchasedQuantity());
                    List<OrderLine> lines = uow.products().allocationsIn(batch.reference()).linesIn(batch.reference());
                    assertThat(lines.stream().mapToInt(OrderLine::quantity).sum()).as("lines stored in %s", batch)
                            .isEqualTo(batch.allocatedQuantity());
                    lines.forEach(line -> held.put(line, batch.reference()));
                }
            }
            Map<OrderLine, String> expected = new HashMap<>();
            successes.values().stream().filter(outcome -> outcome.command().sku().equals(sku))
                    .forEach(outcome -> expected.put(outcome.command().line(), outcome.batch().orElseThrow()));
            assertThat(held).as("lines held by %s", sku).isEqualTo(expected);
        }
        for (Outcome outcome : outcomes) {
            List<OrderAllocation> shown = database.allocationsView().allocations(outcome.command().orderId());
            if (outcome.batch().isPresent()) {
                assertThat(shown).containsExactly(new OrderAllocation(outcome.command().sku(), outcome.batch().orElseThrow()));
            } else {
                assertThat(shown).isEmpty();
            }
        }
        assertThat(appliedTogether.get() > 0).as("allocations were applied in groups").isEqualTo(grouped);
        System.out.printf("%d allocated, %d out of stock, %d retries, %d conflicts reported, %d applied in groups%n",
                successes.size(), outcomes.size() - successes.size() - reported, retried.get(), reported, appliedTogether.get());
    }

    private static List<Outcome> allocateFromEightThreads(MessageBus bus) throws Exception {
        List<Callable<List<Outcome>>> threads = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int threadNumber = thread;
            threads.add(() -> {
                List<Outcome> outcomes = new ArrayList<>();
                for (int index = 0; index < ALLOCATIONS_PER_THREAD; index++) {
                    String sku = SKUS.get(index % SKUS.size());
                    Allocate command = new Allocate("order-" + threadNumber + "-" + index, sku, 1 + index % 2);
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
