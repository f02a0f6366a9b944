package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import io.github.cosmicarch.allocation.service.outbox.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingEventPublisher;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications;
import io.github.cosmicarch.allocation.testkit.generators.AllocationGenerators;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Random histories of commands give the same answers, the same published events and
 * notifications, the same read model and the same final products on the JPA adapter as on the
 * in-memory adapter: each keeps the other honest. Histories with crashes too: after some commands
 * the process "dies" between the commit and the handling of its events, and a dispatcher finishes
 * the work from the outbox before the next command; the outcome is that of the history without
 * crashes.
 */
class DifferentialTest {

    private static final JpaDatabase H2 = TestDatabases.keptOpen(TestDatabases.h2());

    @Test
    void jpaOnH2BehavesExactlyLikeTheInMemoryAdapter() {
        behavesLikeTheInMemoryAdapter(H2, 200);
    }

    @Test
    void onH2CrashesBetweenCommitAndHandlingChangeNothingOnceTheDispatcherRecovers() {
        qt().withExamples(100).forAll(AllocationGenerators.commandHistories(25), integers().between(0, (1 << 25) - 1))
                .checkAssert((history, crashes) -> {
                    TestDatabases.deleteEverything(H2);
                    InMemoryDatabase memory = new InMemoryDatabase();

                    Outcome expected = play(history, 0, bootstrapOf(memory), memory, memory.allocationsView());
                    Outcome actual = play(history, crashes, bootstrapOf(H2), H2, H2.allocationsView());

                    assertThat(actual).isEqualTo(expected);
                });
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void jpaOnPostgresqlBehavesExactlyLikeTheInMemoryAdapter() {
        try (JpaDatabase postgres = TestDatabases.postgres().build()) {
            behavesLikeTheInMemoryAdapter(postgres, 60);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.MARIADB_URL, matches = ".+")
    void jpaOnMariaDbBehavesExactlyLikeTheInMemoryAdapter() {
        try (JpaDatabase mariadb = TestDatabases.mariadb().build()) {
            behavesLikeTheInMemoryAdapter(mariadb, 60);
        }
    }

    @Test
    void onH2AllocationsAppliedInGroupsEndAsTheSameAllocationsOneAtATime() {
        groupedAllocationsEqualOneAtATime(() -> {
            TestDatabases.deleteEverything(H2);
            return H2;
        }, 40);
    }

    @Test
    void inMemoryAllocationsAppliedInGroupsEndAsTheSameAllocationsOneAtATime() {
        groupedAllocationsEqualOneAtATime(InMemoryDatabase::new, 100);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void onPostgresqlAllocationsAppliedInGroupsEndAsTheSameAllocationsOneAtATime() {
        try (JpaDatabase postgres = TestDatabases.postgres().build()) {
            groupedAllocationsEqualOneAtATime(() -> {
                TestDatabases.deleteEverything(postgres);
                return postgres;
            }, 20);
        }
    }

    /**
     * Eight threads send allocations of three products at once, with allocations grouped and at
     * most one, two or three groups applied at once, or any number; then the same allocations are
     * sent one at a time, in the order the grouped bus applied them, to the in-memory adapter
     * without grouping. Answers, published events, notifications, the read model and the products
     * are the same; and across the examples some allocations were applied in groups, some groups
     * held several products, or the property would say nothing.
     */
    private static void groupedAllocationsEqualOneAtATime(Supplier<? extends UnitOfWorkFactory> emptyStorage, int examples) {
        AtomicInteger appliedTogether = new AtomicInteger();
        AtomicInteger groupsOfSeveralProducts = new AtomicInteger();
        List<String> skus = List.of("LAMP", "DESK", "CHAIR");
        qt().withExamples(examples)
                .forAll(lists().of(integers().between(0, 20)).ofSizeBetween(1, 4),
                        lists().of(integers().between(0, 12 * 5 * 3 - 1)).ofSizeBetween(1, 60),
                        integers().between(0, 3))
                .checkAssert((batches, allocations, groupsAtOnce) -> {
                    UnitOfWorkFactory storage = emptyStorage.get();
                    List<Command<?>> setUp = new ArrayList<>();
                    for (String sku : skus) {
                        for (int index = 0; index < batches.size(); index++) {
                            String reference = sku + "-batch-" + index;
                            setUp.add(index % 2 == 0
                                    ? CreateBatch.inWarehouse(reference, sku, batches.get(index))
                                    : CreateBatch.arriving(reference, sku, batches.get(index), LocalDate.of(2026, 12, 1 + index)));
                        }
                    }
                    List<Allocate> sent = allocations.stream()
                            .map(drawn -> new Allocate("order-" + drawn / 3 % 12, skus.get(drawn % 3), 1 + drawn / 36)).toList();
                    List<Allocate> applied = Collections.synchronizedList(new ArrayList<>());
                    BusObserver appliedOrder = new BusObserver() {
                        @Override
                        public void commandFinished(Command<?> command, Duration took) {
                            if (command instanceof Allocate allocate) {
                                applied.add(allocate);
                            }
                        }

                        @Override
                        public void commandsGrouped(List<Command<?>> commands) {
                            appliedTogether.addAndGet(commands.size());
                            if (commands.stream().map(command -> ((Allocate) command).sku()).distinct().count() > 1) {
                                groupsOfSeveralProducts.incrementAndGet();
                            }
                        }
                    };
                    Bootstrap grouped = bootstrapOf(storage).groupAllocations(true);
                    Outcome actual = playAtOnce(setUp, sent, applied, grouped, groupsAtOnce, appliedOrder, storage,
                            viewOf(storage));

                    InMemoryDatabase memory = new InMemoryDatabase();
                    List<Command<?>> oneAtATime = new ArrayList<>(setUp);
                    oneAtATime.addAll(applied);
                    Outcome expected = play(oneAtATime, 0, bootstrapOf(memory).groupAllocations(false), memory,
                            memory.allocationsView());

                    assertThat(actual).isEqualTo(expected);
                });
        assertThat(appliedTogether.get()).as("allocations applied in groups over all examples").isPositive();
        assertThat(groupsOfSeveralProducts.get()).as("groups of several products over all examples").isPositive();
    }

    /** A bootstrap on the storage, whose read model the storage keeps in its commits (both adapters do). */
    private static Bootstrap bootstrapOf(UnitOfWorkFactory storage) {
        return Bootstrap.builder().unitsOfWork(storage).readModelKeptByStorage();
    }

    private static AllocationsView viewOf(UnitOfWorkFactory storage) {
        return storage instanceof JpaDatabase jpa ? jpa.allocationsView() : ((InMemoryDatabase) storage).allocationsView();
    }

    /**
     * Plays the set-up, then sends the allocations from eight threads at once; answers are listed
     * in the order the bus applied the allocations, which it appends to {@code applied}.
     *
     * @param groupsAtOnce the most groups applied at once, or 0 for no limit
     */
    private static Outcome playAtOnce(List<Command<?>> setUp, List<Allocate> sent, List<Allocate> applied,
                                      Bootstrap bootstrap, int groupsAtOnce, BusObserver observer,
                                      UnitOfWorkFactory storage, AllocationsView view) {
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        RecordingNotifications notifications = new RecordingNotifications();
        CrashingUnitsOfWork unitsOfWork = new CrashingUnitsOfWork(storage);
        MessageBus.Builder builder = bootstrap.unitsOfWork(unitsOfWork).publisher(publisher).notifications(notifications)
                .messageBus();
        if (groupsAtOnce > 0) {
            builder.groupsAtOnce(groupsAtOnce);
        }
        MessageBus bus = started(builder, observer);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<String> setUpAnswers = new ArrayList<>();
            setUp.forEach(command -> setUpAnswers.add(String.valueOf(bus.handle(command))));
            Map<Allocate, String> answers = Collections.synchronizedMap(new IdentityHashMap<>());
            CountDownLatch ready = new CountDownLatch(1);
            List<Future<?>> sending = new ArrayList<>();
            for (Allocate command : sent) {
                sending.add(clients.submit(() -> {
                    ready.await();
                    answers.put(command, String.valueOf(bus.handle(command)));
                    return null;
                }));
            }
            ready.countDown();
            for (Future<?> each : sending) {
                each.get();
            }
            List<Command<?>> history = new ArrayList<>(setUp);
            history.addAll(applied);
            List<String> inOrder = new ArrayList<>(setUpAnswers);
            applied.forEach(command -> inOrder.add(answers.get(command)));
            awaitEmptyOutbox(unitsOfWork);
            return outcomeOf(history, inOrder, unitsOfWork, view, publisher, notifications);
        } catch (InterruptedException | java.util.concurrent.ExecutionException failed) {
            throw new AssertionError(failed);
        } finally {
            clients.shutdownNow();
            bus.dispatcher().close();
        }
    }

    private static void behavesLikeTheInMemoryAdapter(JpaDatabase database, int examples) {
        qt().withExamples(examples).forAll(AllocationGenerators.commandHistories(25)).checkAssert(history -> {
            TestDatabases.deleteEverything(database);
            InMemoryDatabase memory = new InMemoryDatabase();

            Outcome expected = play(history, 0, bootstrapOf(memory), memory, memory.allocationsView());
            Outcome actual = play(history, 0, bootstrapOf(database), database, database.allocationsView());

            assertThat(actual).isEqualTo(expected);
        });
    }

    /** Everything observable after a history; publications and notifications product by product, in order. */
    private record Outcome(
            List<String> answers,
            Map<String, List<DomainEvent>> published,
            Map<String, List<RecordingNotifications.Sent>> notifications,
            Map<String, List<OrderAllocation>> readModel,
            Map<String, String> products) {}

    /** Builds the bus with a dispatcher that takes up stored events at once, and starts the dispatcher. */
    private static MessageBus started(Bootstrap bootstrap, BusObserver observer) {
        return started(bootstrap.messageBus(), observer);
    }

    private static MessageBus started(MessageBus.Builder builder, BusObserver observer) {
        MessageBus bus = builder
                .dispatcherSettings(DispatcherSettings.defaults().withGracePeriod(Duration.ZERO)
                        .withPollInterval(Duration.ofMillis(5)))
                .observer(observer)
                .build();
        bus.dispatcher().start();
        return bus;
    }

    /** Plays the history; command {@code i} crashes after its commit when bit {@code i} of {@code crashes} is set. */
    private static Outcome play(List<Command<?>> history, int crashes, Bootstrap bootstrap, UnitOfWorkFactory storage,
                                AllocationsView view) {
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        RecordingNotifications notifications = new RecordingNotifications();
        CrashingUnitsOfWork unitsOfWork = new CrashingUnitsOfWork(storage);
        MessageBus bus = started(bootstrap.unitsOfWork(unitsOfWork).publisher(publisher).notifications(notifications),
                new BusObserver() {});
        try {
            return play(history, crashes, bus, unitsOfWork, view, publisher, notifications);
        } finally {
            bus.dispatcher().close();
        }
    }

    private static Outcome play(List<Command<?>> history, int crashes, MessageBus bus, CrashingUnitsOfWork unitsOfWork,
                                AllocationsView view, RecordingEventPublisher publisher,
                                RecordingNotifications notifications) {
        List<String> answers = new ArrayList<>();
        for (int index = 0; index < history.size(); index++) {
            Command<?> command = history.get(index);
            unitsOfWork.crashing = (crashes & (1 << index)) != 0;
            try {
                answers.add(String.valueOf(bus.handle(command)));
            } catch (AllocationException refused) {
                answers.add(refused.getClass().getSimpleName() + ": " + refused.getMessage());
            }
            if (unitsOfWork.crashing) {
                unitsOfWork.crashing = false;
                awaitEmptyOutbox(unitsOfWork);
            }
        }
        awaitEmptyOutbox(unitsOfWork);
        return outcomeOf(history, answers, unitsOfWork, view, publisher, notifications);
    }

    private static Outcome outcomeOf(List<Command<?>> history, List<String> answers, UnitOfWorkFactory unitsOfWork,
                                     AllocationsView view, RecordingEventPublisher publisher,
                                     RecordingNotifications notifications) {
        TreeSet<String> orders = new TreeSet<>();
        TreeSet<String> skus = new TreeSet<>();
        for (Command<?> command : history) {
            if (command instanceof Allocate allocate) {
                orders.add(allocate.orderId());
                skus.add(allocate.sku());
            }
            if (command instanceof CreateBatch create) {
                skus.add(create.sku());
            }
        }
        Map<String, List<OrderAllocation>> readModel = new TreeMap<>();
        // Product by product: the rows of an order's products committed at once, or by groups
        // applied side by side, have no order between them.
        orders.forEach(order -> readModel.put(order, view.allocations(order).stream()
                .sorted(Comparator.comparing(OrderAllocation::sku)).toList()));
        Map<String, String> products = new TreeMap<>();
        try (OutboxUnitOfWork uow = unitsOfWork.start()) {
            skus.forEach(sku -> products.put(sku, uow.products().get(sku).map(product -> describe(uow, product)).orElse("none")));
        }
        Map<String, List<DomainEvent>> published = new TreeMap<>();
        publisher.published().forEach(event -> published.computeIfAbsent(event.sku(), sku -> new ArrayList<>()).add(event));
        Map<String, List<RecordingNotifications.Sent>> sent = new TreeMap<>();
        notifications.sent().forEach(notice -> sent.computeIfAbsent(notice.message(), key -> new ArrayList<>()).add(notice));
        return new Outcome(answers, published, sent, readModel, products);
    }

    /** Waits until every stored event is done with: the dispatcher finished what the crashes left. */
    private static void awaitEmptyOutbox(UnitOfWorkFactory unitsOfWork) {
        Instant later = Instant.now().plus(Duration.ofDays(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (OutboxUnitOfWork uow = unitsOfWork.start()) {
                if (uow.outbox().due(later, later, 1).isEmpty() && uow.outbox().parked(1).isEmpty()) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The outbox is not empty after 30 s");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    /** The product as stored, with the lines each batch holds, oldest first. */
    private static String describe(OutboxUnitOfWork uow, Product product) {
        return "version " + product.version() + " " + product.batches().stream()
                .map(batch -> batch + " " + uow.products().allocationsIn(batch.reference()).linesIn(batch.reference()))
                .toList();
    }
}
