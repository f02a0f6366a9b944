package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.cosmicarch.allocation.domain.model.Batch;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.Product;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.outbox.OutboxUnitOfWork;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A unit of work builds a product it knows at the version stored from what it kept of it, without
 * reading its batches again; whatever moved the product in storage since, it reads again: another
 * process's commit, or the product deleted and created anew at the same version.
 */
class RestoredProductsTest {

    private static final String URL = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private static final JpaDatabase HERE = TestDatabases.keptOpen(JpaDatabase.builder(URL));
    private static final JpaDatabase ELSEWHERE = TestDatabases.keptOpen(JpaDatabase.builder(URL));

    private final String sku = "KEPT-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aCommitOfAnotherProcessIsSeenByTheNextUnitOfWork() {
        MessageBus here = Bootstrap.builder().unitsOfWork(HERE).readModelKeptByStorage().build();
        MessageBus elsewhere = Bootstrap.builder().unitsOfWork(ELSEWHERE).readModelKeptByStorage().build();
        here.handle(CreateBatch.inWarehouse(sku + "-a", sku, 10));
        here.handle(CreateBatch.arriving(sku + "-b", sku, 10, LocalDate.of(2027, 1, 4)));
        assertThat(here.handle(new Allocate("here-1", sku, 4))).contains(sku + "-a");

        assertThat(elsewhere.handle(new Allocate("elsewhere-1", sku, 6))).contains(sku + "-a");
        elsewhere.handle(new ChangeBatchQuantity(sku + "-b", 30));

        assertThat(here.handle(new Allocate("here-2", sku, 1))).contains(sku + "-b");
        assertThat(quantities(HERE)).containsExactly("10/10", "1/30");
    }

    @Test
    void aProductDeletedAndCreatedAgainAtTheSameVersionIsReadAgain() {
        MessageBus here = Bootstrap.builder().unitsOfWork(HERE).readModelKeptByStorage().build();
        here.handle(CreateBatch.inWarehouse(sku + "-a", sku, 10));
        assertThat(here.handle(new Allocate("order-1", sku, 1))).contains(sku + "-a");

        TestDatabases.deleteEverything(HERE);
        here.handle(CreateBatch.inWarehouse(sku + "-c", sku, 2));
        here.handle(new Allocate("order-0", sku, 1));

        assertThat(here.handle(new Allocate("order-2", sku, 5))).as("out of stock: 1 of 2 left in %s-c", sku).isEmpty();
        assertThat(quantities(HERE)).containsExactly("1/2");
    }

    @Test
    void aProductWithManyBatchesBuiltFromWhatWasKeptAllocatesInTheSameOrder() {
        MessageBus here = Bootstrap.builder().unitsOfWork(HERE).readModelKeptByStorage().build();
        for (int day = 20; day >= 1; day--) {
            here.handle(CreateBatch.arriving(sku + "-day-" + day, sku, 1, LocalDate.of(2027, 1, day)));
        }
        here.handle(CreateBatch.inWarehouse(sku + "-warehouse", sku, 1));

        List<String> chosen = new ArrayList<>();
        for (int order = 0; order < 22; order++) {
            chosen.add(here.handle(new Allocate("order-" + order, sku, 1)).orElse("none"));
        }

        assertThat(chosen.subList(0, 3)).containsExactly(sku + "-warehouse", sku + "-day-1", sku + "-day-2");
        assertThat(chosen.subList(20, 22)).containsExactly(sku + "-day-20", "none");
    }

    @Test
    void aDatabaseThatKeepsNothingReadsEveryProductWholeSoEvenAChangeMadeByHandIsSeen() throws SQLException {
        assertThatIllegalArgumentException().isThrownBy(() -> JpaDatabase.builder(URL).productsKept(-1))
                .withMessage("productsKept must be at least 0, but was -1");
        try (JpaDatabase keepsNothing = JpaDatabase.builder(URL).productsKept(0).build()) {
            MessageBus bus = Bootstrap.builder().unitsOfWork(keepsNothing).readModelKeptByStorage().build();
            bus.handle(CreateBatch.inWarehouse(sku + "-a", sku, 10));
            bus.handle(new Allocate("order-1", sku, 1));
            try (Connection connection = DriverManager.getConnection(URL);
                 PreparedStatement shrink = connection.prepareStatement("update batches set purchased_quantity = 1 where reference = ?")) {
                shrink.setString(1, sku + "-a");
                assertThat(shrink.executeUpdate()).isEqualTo(1);
            }

            assertThat(bus.handle(new Allocate("order-2", sku, 1))).isEmpty();
        }
    }

    @Test
    void whatIsKeptAfterACommitIsWhatAProcessReadingTheProductWholeFinds() {
        MessageBus here = Bootstrap.builder().unitsOfWork(HERE).readModelKeptByStorage().build();
        for (int day = 1; day <= 6; day++) {
            here.handle(CreateBatch.arriving(sku + "-day-" + day, sku, 3, LocalDate.of(2027, 2, day)));
        }
        try (JpaDatabase keepsNothing = JpaDatabase.builder(URL).productsKept(0).build()) {
            try (OutboxUnitOfWork uow = HERE.start()) {
                Product product = uow.products().get(sku).orElseThrow();
                product.addBatch(new Batch(sku + "-warehouse", sku, 2, null));
                product.addBatch(new Batch(sku + "-day-0", sku, 4, LocalDate.of(2027, 2, 1)));
                for (OrderLine line : List.of(new OrderLine("order-1", sku, 2), new OrderLine("order-2", sku, 3))) {
                    product.allocate(line, uow.products().allocationsOf(line));
                }
                product.changeBatchQuantity(sku + "-day-4", 1, uow.products().allocationsIn(sku + "-day-4"));
                uow.commit();
            }

            assertThat(batches(HERE)).isEqualTo(batches(keepsNothing)).containsExactly(
                    sku + "-warehouse 2/2 null", sku + "-day-1 3/3 2027-02-01", sku + "-day-0 0/4 2027-02-01",
                    sku + "-day-2 0/3 2027-02-02", sku + "-day-3 0/3 2027-02-03", sku + "-day-4 0/1 2027-02-04",
                    sku + "-day-5 0/3 2027-02-05", sku + "-day-6 0/3 2027-02-06");
        }
    }

    private List<String> batches(JpaDatabase database) {
        try (OutboxUnitOfWork uow = database.start()) {
            Product product = uow.products().get(sku).orElseThrow();
            return product.batches().stream().map(batch -> batch.reference() + " " + batch.allocatedQuantity() + "/"
                    + batch.purchasedQuantity() + " " + batch.eta().orElse(null)).toList();
        }
    }

    private List<String> quantities(JpaDatabase database) {
        try (OutboxUnitOfWork uow = database.start()) {
            Product product = uow.products().get(sku).orElseThrow();
            return product.batches().stream().map(batch -> batch.allocatedQuantity() + "/" + batch.purchasedQuantity()).toList();
        }
    }
}
