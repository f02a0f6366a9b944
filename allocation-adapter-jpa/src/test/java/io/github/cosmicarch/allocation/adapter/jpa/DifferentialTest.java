package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingEventPublisher;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications;
import io.github.cosmicarch.allocation.testkit.generators.AllocationGenerators;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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

                    Outcome expected = play(history, 0, memory.bootstrap(), memory, memory.allocationsView());
                    Outcome actual = play(history, crashes, H2.bootstrap(), H2, H2.allocationsView());

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

    private static void behavesLikeTheInMemoryAdapter(JpaDatabase database, int examples) {
        qt().withExamples(examples).forAll(AllocationGenerators.commandHistories(25)).checkAssert(history -> {
            TestDatabases.deleteEverything(database);
            InMemoryDatabase memory = new InMemoryDatabase();

            Outcome expected = play(history, 0, memory.bootstrap(), memory, memory.allocationsView());
            Outcome actual = play(history, 0, database.bootstrap(), database, database.allocationsView());

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

    /** Plays the history; command {@code i} crashes after its commit when bit {@code i} of {@code crashes} is set. */
    private static Outcome play(List<Command<?>> history, int crashes, Bootstrap bootstrap, UnitOfWorkFactory storage,
                                AllocationsView view) {
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        RecordingNotifications notifications = new RecordingNotifications();
        CrashingUnitsOfWork unitsOfWork = new CrashingUnitsOfWork(storage);
        MessageBus bus = bootstrap.unitsOfWork(unitsOfWork).publisher(publisher).notifications(notifications)
                .dispatcherSettings(DispatcherSettings.defaults().withGracePeriod(Duration.ZERO)
                        .withPollInterval(Duration.ofMillis(5)))
                .build();
        bus.dispatcher().start();
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
        TreeSet<String> orders = new TreeSet<>();
        TreeSet<String> skus = new TreeSet<>();
        for (int index = 0; index < history.size(); index++) {
            Command<?> command = history.get(index);
            unitsOfWork.crashing = (crashes & (1 << index)) != 0;
            if (command instanceof Allocate allocate) {
                orders.add(allocate.orderId());
                skus.add(allocate.sku());
            }
            if (command instanceof CreateBatch create) {
                skus.add(create.sku());
            }
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
        Map<String, List<OrderAllocation>> readModel = new TreeMap<>();
        orders.forEach(order -> readModel.put(order, view.allocations(order)));
        Map<String, String> products = new TreeMap<>();
        try (UnitOfWork uow = unitsOfWork.start()) {
            skus.forEach(sku -> products.put(sku, uow.products().get(sku).map(DifferentialTest::describe).orElse("none")));
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
            try (UnitOfWork uow = unitsOfWork.start()) {
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

    private static String describe(Product product) {
        return "version " + product.version() + " " + product.batches().stream()
                .map(batch -> batch + " " + batch.allocations().orElseThrow())
                .toList();
    }
}
