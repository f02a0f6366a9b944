package io.github.cosmicarch.allocation.benchmarks;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.EventPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Allocate commands through the message bus on the in-memory adapter, with everything an
 * allocation sets off (the read model, kept in the commit, and the publisher's event handler).
 * Each thread allocates distinct orders on a product of its own,
 * so threads share the bus and the database but not a product. A shot is
 * {@value #COMMANDS_PER_SHOT} commands on a fresh database whose products already hold
 * {@code linesHeld} lines each, allocated in one unit of work before the shot; with and without
 * grouping.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InMemoryBusBenchmark {

    static final int COMMANDS_PER_SHOT = 500;

    /** The shared bus and database, rebuilt for every shot. */
    @State(Scope.Benchmark)
    public static class Service {
        @Param({"0", "10000"})
        public int linesHeld;

        /**
         * Whether the bus groups allocations of one product ({@code Bootstrap.groupAllocations}):
         * each thread here allocates alone on its product, so this measures what grouping costs a
         * command that has no company.
         */
        @Param({"false", "true"})
        public boolean grouped;

        MessageBus bus;
        final AtomicInteger threads = new AtomicInteger();

        @Setup(Level.Iteration)
        public void start(Blackhole blackhole) {
            InMemoryDatabase database = new InMemoryDatabase();
            EventPublisher publisher = (event, id) -> blackhole.consume(event);
            bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().publisher(publisher)
                    .groupAllocations(grouped).build();
            bus.dispatcher().start();
            for (int thread = 0; thread < 2; thread++) {
                String sku = "SKU-" + thread;
                bus.handle(CreateBatch.inWarehouse("batch-" + thread, sku, 1_000_000));
                try (UnitOfWork uow = database.start()) {
                    Product product = uow.products().get(sku).orElseThrow();
                    for (int line = 0; line < linesHeld; line++) {
                        product.allocate(new OrderLine("held-" + line, sku, 1));
                    }
                    uow.commit();
                }
            }
        }

        /** Stops the shot's dispatcher. */
        @TearDown(Level.Iteration)
        public void stop() {
            bus.dispatcher().close();
        }
    }

    /** Which product a thread allocates on, and its next order number. */
    @State(Scope.Thread)
    public static class Orders {
        String sku;
        int next;

        @Setup(Level.Iteration)
        public void pick(Service service) {
            sku = "SKU-" + (service.threads.getAndIncrement() % 2);
            next = 0;
        }
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(COMMANDS_PER_SHOT)
    public Object oneThread(Service service, Orders orders) {
        return allocate(service, orders);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(COMMANDS_PER_SHOT)
    public Object twoThreads(Service service, Orders orders) {
        return allocate(service, orders);
    }

    private static Object allocate(Service service, Orders orders) {
        Object last = null;
        for (int command = 0; command < COMMANDS_PER_SHOT; command++) {
            last = service.bus.handle(new Allocate("order-" + orders.next++, orders.sku, 1));
        }
        return last;
    }
}
