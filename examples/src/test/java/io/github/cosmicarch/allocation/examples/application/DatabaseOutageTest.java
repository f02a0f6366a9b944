package io.github.cosmicarch.allocation.examples.application;

import static io.github.cosmicarch.allocation.examples.application.TestSettings.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.examples.application.HttpClientForTests.Answer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL frozen or stopped under the service: every request is answered with a 503 within
 * 5 s instead of hanging, and once the database is back the service works again without a
 * restart. Frozen under allocations grouped on one product, every answer still comes within 5 s
 * and it loses no line it accepted. {@link LongDatabaseOutageTest} holds longer outages under a
 * load of every endpoint.
 */
class DatabaseOutageTest {

    /** What the service promises while its database is out: a request waits 4 s at most, then 503. */
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    /** What a client notes for a request that got no answer within its 30 s. */
    private static final int NO_ANSWER = -1;

    private static PrivatePostgres postgres;
    private static ServiceOnPrivatePostgres service;
    private static HttpClientForTests http;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceOnPrivatePostgres.start();
        postgres = service.postgres();
        http = service.http();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.stop();
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

    /**
     * Eight clients allocate on one product, so that the service groups their allocations, while
     * the database freezes and thaws: each request is answered 202 or 503 within 5 s, although
     * the commands queued behind a group stuck on the database would each wait for it, and every
     * line answered 202 is held afterwards; no line is held twice, and the batch's total is its lines'.
     */
    @Test
    void aDatabaseFrozenUnderGroupedAllocationsAnswersWithin5SecondsAndLosesNoAcceptedLine() throws Exception {
        String sku = unique("sku");
        assertThat(http.addBatch(unique("batch"), sku, 1_000_000, null).status()).isEqualTo(201);
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        Map<String, Duration> took = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            String prefix = unique("order-" + client);
            Thread thread = new Thread(() -> {
                for (int line = 0; !stop.get(); line++) {
                    String order = prefix + "-" + line;
                    long sent = System.nanoTime();
                    try {
                        answers.put(order, http.allocate(order, sku, 1).status());
                    } catch (RuntimeException unanswered) {
                        answers.put(order, NO_ANSWER);
                    }
                    took.put(order, Duration.ofNanos(System.nanoTime() - sent));
                }
            });
            thread.start();
            clients.add(thread);
        }
        try {
            awaitAnswers(answers, 202, 50);
            postgres.freeze();
            try {
                awaitAnswers(answers, 503, 8);
            } finally {
                postgres.thaw();
            }
            int acceptedBefore = count(answers, 202);
            awaitAnswers(answers, 202, acceptedBefore + 50);
        } finally {
            stop.set(true);
            for (Thread client : clients) {
                client.join();
            }
        }

        assertThat(answers.values()).as("every request answered 202 or 503").containsOnly(202, 503);
        assertThat(took.entrySet()).as("answers slower than %s", FIVE_SECONDS)
                .filteredOn(answer -> answer.getValue().compareTo(FIVE_SECONDS) >= 0).isEmpty();
        Set<String> accepted = answers.entrySet().stream().filter(answer -> answer.getValue() == 202)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        List<String> held = new ArrayList<>();
        int allocatedQuantity;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
             PreparedStatement lines = connection.prepareStatement("select order_id from allocations where sku = ?");
             PreparedStatement total = connection.prepareStatement("select allocated_quantity from batches where sku = ?")) {
            lines.setString(1, sku);
            try (ResultSet rows = lines.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getString(1));
                }
            }
            total.setString(1, sku);
            try (ResultSet rows = total.executeQuery()) {
                assertThat(rows.next()).isTrue();
                allocatedQuantity = rows.getInt(1);
            }
        }
        assertThat(held).as("no line held twice").doesNotHaveDuplicates().containsAll(accepted);
        assertThat(allocatedQuantity).as("the batch's total is its lines'").isEqualTo(held.size());
    }

    private static void awaitAnswers(Map<String, Integer> answers, int status, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count(answers, status) < atLeast) {
            assertThat(System.nanoTime()).as("%d answers %d within a minute, answers so far: %s", atLeast, status,
                    answers.values().stream().collect(java.util.stream.Collectors.groupingBy(answer -> answer,
                            java.util.stream.Collectors.counting()))).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static int count(Map<String, Integer> answers, int status) {
        return (int) answers.values().stream().filter(answer -> answer == status).count();
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
        assertThat(took).isLessThan(FIVE_SECONDS);
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
