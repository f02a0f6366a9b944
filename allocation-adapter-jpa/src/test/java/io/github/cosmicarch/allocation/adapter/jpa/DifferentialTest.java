package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.domain.event.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.domain.port.UnitOfWorkFactory;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingEventPublisher;
import io.github.cosmicarch.allocation.testkit.fakes.RecordingNotifications;
import io.github.cosmicarch.allocation.testkit.generators.AllocationGenerators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Random histories of commands give the same answers, the same published events and
 * notifications, the same read model and the same final products on the JPA adapter as on the
 * in-memory adapter: each keeps the other honest.
 */
class DifferentialTest {

    private static final JpaDatabase H2 = TestDatabases.h2().build();

    @AfterAll
    static void close() {
        H2.close();
    }

    @Test
    void jpaOnH2BehavesExactlyLikeTheInMemoryAdapter() {
        behavesLikeTheInMemoryAdapter(H2, 200);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void jpaOnPostgresqlBehavesExactlyLikeTheInMemoryAdapter() {
        try (JpaDatabase postgres = TestDatabases.postgres().build()) {
            behavesLikeTheInMemoryAdapter(postgres, 60);
        }
    }

    private static void behavesLikeTheInMemoryAdapter(JpaDatabase database, int examples) {
        qt().withExamples(examples).forAll(AllocationGenerators.commandHistories(25)).checkAssert(history -> {
            TestDatabases.deleteEverything(database);
            InMemoryDatabase memory = new InMemoryDatabase();

            Outcome expected = play(history, memory.bootstrap(), memory, memory.allocationsView());
            Outcome actual = play(history, database.bootstrap(), database, database.allocationsView());

            assertThat(actual).isEqualTo(expected);
        });
    }

    /** Everything observable after a history. */
    private record Outcome(
            List<String> answers,
            List<DomainEvent> published,
            List<RecordingNotifications.Sent> notifications,
            Map<String, List<OrderAllocation>> readModel,
            Map<String, String> products) {}

    private static Outcome play(List<Command<?>> history, Bootstrap bootstrap, UnitOfWorkFactory unitsOfWork,
                                AllocationsView view) {
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        RecordingNotifications notifications = new RecordingNotifications();
        MessageBus bus = bootstrap.publisher(publisher).notifications(notifications).build();
        List<String> answers = new ArrayList<>();
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
            try {
                answers.add(String.valueOf(bus.handle(command)));
            } catch (AllocationException refused) {
                answers.add(refused.getClass().getSimpleName() + ": " + refused.getMessage());
            }
        }
        Map<String, List<OrderAllocation>> readModel = new TreeMap<>();
        orders.forEach(order -> readModel.put(order, view.allocations(order)));
        Map<String, String> products = new TreeMap<>();
        try (UnitOfWork uow = unitsOfWork.start()) {
            skus.forEach(sku -> products.put(sku, uow.products().get(sku).map(DifferentialTest::describe).orElse("none")));
        }
        return new Outcome(answers, publisher.published(), notifications.sent(), readModel, products);
    }

    private static String describe(Product product) {
        return "version " + product.version() + " " + product.batches().stream()
                .map(batch -> batch + " " + batch.allocations())
                .toList();
    }
}
