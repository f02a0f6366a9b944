package io.github.cosmicarch.allocation.examples.application;

import static io.github.cosmicarch.allocation.examples.application.TestSettings.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.examples.application.HttpClientForTests.Answer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL frozen or stopped under the service: every request is answered with a 503 within a
 * few seconds instead of hanging, and once the database is back the service works again without
 * a restart.
 */
class DatabaseOutageTest {

    /** The time-outs are 2 s to get or open a connection and 5 s for an answer; some slack on top. */
    private static final Duration A_FEW_SECONDS = Duration.ofSeconds(10);

    private static PrivatePostgres postgres;
    private static AllocationApplication application;
    private static HttpClientForTests http;

    @BeforeAll
    static void start() throws Exception {
        Optional<java.nio.file.Path> installation = PrivatePostgres.installation();
        Assumptions.assumeTrue(installation.isPresent(), "PostgreSQL is not installed here");
        postgres = PrivatePostgres.start(installation.get());
        application = AllocationApplication.start(TestSettings.on(postgres.jdbcUrl()));
        http = new HttpClientForTests(application.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (application != null) {
            application.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Something done to the database server. */
    @FunctionalInterface
    private interface Action {
        void on(PrivatePostgres server) throws Exception;
    }

    @Test
    void aFrozenDatabaseIsA503WithinSecondsAndTheServiceRecoversWhenItThaws() throws Exception {
        duringAnOutage(PrivatePostgres::freeze, PrivatePostgres::thaw);
    }

    @Test
    void aStoppedDatabaseIsA503WithinSecondsAndTheServiceRecoversWhenItIsBack() throws Exception {
        duringAnOutage(PrivatePostgres::stop, PrivatePostgres::startAgain);
    }

    private static void duringAnOutage(Action begin, Action end) throws Exception {
        String sku = unique("sku");
        String order = unique("order");
        assertThat(http.addBatch(unique("batch"), sku, 10, null).status()).isEqualTo(201);

        begin.on(postgres);
        try {
            assertAnsweredSoonWith503(() -> http.allocate(order, sku, 1));
            assertAnsweredSoonWith503(() -> http.get("/allocations/" + unique("other")));
        } finally {
            end.on(postgres);
        }

        assertRecovers(order, sku);
    }

    private static void assertAnsweredSoonWith503(Supplier<Answer> request) {
        long started = System.nanoTime();
        Answer answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(took).isLessThan(A_FEW_SECONDS);
    }

    /** Once the database is back the same allocation goes through, once. */
    private static void assertRecovers(String order, String sku) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer answer = http.allocate(order, sku, 1);
        while (answer.status() != 202 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = http.allocate(order, sku, 1);
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(http.get("/allocations/" + order).body()).containsOnlyOnce(sku);
    }
}
