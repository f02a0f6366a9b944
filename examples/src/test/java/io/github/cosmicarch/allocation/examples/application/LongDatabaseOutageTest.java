package io.github.cosmicarch.allocation.examples.application;

import static io.github.cosmicarch.allocation.examples.application.TestSettings.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.examples.application.HttpClientForTests.Answer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL of the test's own frozen for 15 s, then stopped for 40 s, while clients use every
 * endpoint: allocations grouped on one busy product, allocations on products of their own, new
 * batches, reads and the health check. Every request is answered within 5 s, 503 for what the service could not do;
 * once the database is back the service answers as before, without a restart; and every line
 * answered 202 and every batch answered 201 is held.
 */
class LongDatabaseOutageTest {

    /** The longest any client may wait for an answer, outage or not. */
    private static final Duration SLOWEST_ANSWER_ALLOWED = Duration.ofSeconds(5);
    /** How long the service has to work again once the database is back. */
    private static final Duration RECOVERY_ALLOWED = Duration.ofSeconds(30);

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

    @Test
    void frozenFor15SecondsEveryRequestIsAnsweredWithin5SecondsAndNothingAcknowledgedIsLost() throws Exception {
        Outcome outcome = underLoad(Duration.ofSeconds(15), PrivatePostgres::freeze, PrivatePostgres::thaw);
        outcome.report("frozen 15 s");
        outcome.assertAnsweredInTimeRecoveredAndLostNothing();
    }

    @Test
    void stoppedFor40SecondsEveryRequestIsAnsweredWithin5SecondsAndNothingAcknowledgedIsLost() throws Exception {
        Outcome outcome = underLoad(Duration.ofSeconds(40), PrivatePostgres::stop, PrivatePostgres::startAgain);
        outcome.report("stopped 40 s");
        outcome.assertAnsweredInTimeRecoveredAndLostNothing();
    }

    /** Something done to the database server. */
    @FunctionalInterface
    private interface Action {
        void on(PrivatePostgres server) throws Exception;
    }

    /** The kinds of request the clients send. */
    private enum Kind {
        ALLOCATE(202), ADD_BATCH(201), READ(404), HEALTH(200);

        /** What the API answers when the database works; any request may also be answered 503. */
        final int working;

        Kind(int working) {
            this.working = working;
        }
    }

    /**
     * One request and its answer; {@code status} -1 when the client got none.
     *
     * @param key what it allocated (the order) or added (the batch), or read
     */
    private record Sent(Kind kind, String key, long sentAt, long answeredAt, int status) {

        Duration took() {
            return Duration.ofNanos(answeredAt - sentAt);
        }
    }

    /**
     * Runs the clients for 2 s on a working database, then through the outage, then until a
     * request of each kind sent after it was answered as when the database works, and for 2 s more.
     */
    private static Outcome underLoad(Duration outage, Action begin, Action end) throws Exception {
        String busy = unique("busy");
        assertThat(http.addBatch(unique("batch"), busy, 1_000_000, null).status()).isEqualTo(201);
        List<String> ownSkus = List.of(unique("own"), unique("own"));
        for (String sku : ownSkus) {
            assertThat(http.addBatch(unique("batch"), sku, 1_000_000, null).status()).isEqualTo(201);
        }
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 6; client++) {
            clients.add(client(sent, running, Kind.ALLOCATE, unique("order"), order -> http.allocate(order, busy, 1)));
        }
        for (String sku : ownSkus) {
            clients.add(client(sent, running, Kind.ALLOCATE, unique("order"), order -> http.allocate(order, sku, 1)));
        }
        String addedSku = unique("added");
        clients.add(client(sent, running, Kind.ADD_BATCH, unique("batch"), batch -> http.addBatch(batch, addedSku, 10, null)));
        clients.add(client(sent, running, Kind.READ, unique("order"), order -> http.get("/allocations/" + order)));
        clients.add(client(sent, running, Kind.HEALTH, "health", ignored -> http.get("/actuator/health")));
        clients.forEach(Thread::start);

        long began;
        long ended;
        try {
            Thread.sleep(2_000);
            began = System.nanoTime();
            begin.on(postgres);
            try {
                Thread.sleep(outage.toMillis());
            } finally {
                end.on(postgres);
                ended = System.nanoTime();
            }
            long deadline = ended + RECOVERY_ALLOWED.toNanos();
            while (System.nanoTime() < deadline && !answeredAsWorkingSince(ended, sent)) {
                Thread.sleep(50);
            }
            Thread.sleep(2_000);
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }
        return new Outcome(List.copyOf(sent), began, ended);
    }

    /** Whether a request of each kind sent since then was answered as when the database works. */
    private static boolean answeredAsWorkingSince(long since, ConcurrentLinkedQueue<Sent> sent) {
        Set<Kind> working = sent.stream().filter(request -> request.sentAt() > since && request.status() == request.kind().working)
                .map(Sent::kind).collect(Collectors.toSet());
        return working.size() == Kind.values().length;
    }

    /** A client that sends one request after another, each with a new key, until told to stop. */
    private static Thread client(ConcurrentLinkedQueue<Sent> sent, AtomicBoolean running, Kind kind, String prefix,
                                 Function<String, Answer> request) {
        return new Thread(() -> {
            for (int number = 0; running.get(); number++) {
                String key = prefix + "-" + number;
                long sentAt = System.nanoTime();
                int status;
                try {
                    status = request.apply(key).status();
                } catch (RuntimeException unanswered) {
                    status = -1;
                }
                sent.add(new Sent(kind, key, sentAt, System.nanoTime(), status));
            }
        }, "client-" + kind + "-" + prefix);
    }

    /** What the clients saw, and what the database holds afterwards. */
    private record Outcome(List<Sent> sent, long began, long ended) {

        /** The requests sent while the database was out, or answered while it was. */
        List<Sent> duringTheOutage() {
            return sent.stream().filter(request -> request.answeredAt() > began && request.sentAt() < ended).toList();
        }

        void report(String outage) throws SQLException {
            List<Duration> took = duringTheOutage().stream().map(Sent::took).sorted().toList();
            Map<String, Long> statuses = sent.stream().collect(Collectors.groupingBy(
                    request -> request.kind() + " " + request.status(), TreeMap::new, Collectors.counting()));
            Map<Kind, Long> slowestOfEachKind = duringTheOutage().stream().collect(Collectors.groupingBy(Sent::kind,
                    TreeMap::new, Collectors.collectingAndThen(Collectors.maxBy(Comparator.comparing(Sent::took)),
                            request -> request.orElseThrow().took().toMillis())));
            long firstAllocatedAfter = sent.stream()
                    .filter(request -> request.kind() == Kind.ALLOCATE && request.sentAt() > ended && request.status() == 202)
                    .mapToLong(request -> Duration.ofNanos(request.answeredAt() - ended).toMillis()).min().orElse(-1);
            System.out.printf("Database %s: %d requests during the outage, slowest answer %d ms, median %d ms, "
                            + "slowest of each kind (ms) %s; slowest of the whole run %d ms; first allocation %d ms after "
                            + "the database was back; %d acknowledged not held; answers %s%n",
                    outage, took.size(), took.isEmpty() ? 0 : took.get(took.size() - 1).toMillis(),
                    took.isEmpty() ? 0 : took.get(took.size() / 2).toMillis(), slowestOfEachKind, slowest().toMillis(),
                    firstAllocatedAfter, lost().size(), statuses);
        }

        Duration slowest() {
            return sent.stream().map(Sent::took).max(Duration::compareTo).orElse(Duration.ZERO);
        }

        void assertAnsweredInTimeRecoveredAndLostNothing() throws SQLException {
            assertThat(duringTheOutage()).as("requests sent during the outage").hasSizeGreaterThan(20);
            assertThat(sent).as("answers other than the API's or 503")
                    .filteredOn(request -> request.status() != request.kind().working && request.status() != 503).isEmpty();
            assertThat(sent).as("answers slower than %s", SLOWEST_ANSWER_ALLOWED)
                    .filteredOn(request -> request.took().compareTo(SLOWEST_ANSWER_ALLOWED) >= 0).isEmpty();
            for (Kind kind : Kind.values()) {
                assertThat(sent.stream().anyMatch(request -> request.kind() == kind && request.sentAt() > ended
                        && request.status() == kind.working)).as("%s answered %d after the outage", kind, kind.working).isTrue();
            }
            assertThat(lost()).as("acknowledged, then not held").isEmpty();
        }

        /** The lines answered 202 and the batches answered 201 that the database does not hold. */
        List<String> lost() throws SQLException {
            Set<String> held = new HashSet<>(PrivatePostgres.column(postgres.jdbcUrl(), "select order_id from allocations"));
            held.addAll(PrivatePostgres.column(postgres.jdbcUrl(), "select reference from batches"));
            return sent.stream().filter(request -> request.status() == 202 || request.status() == 201)
                    .map(Sent::key).filter(key -> !held.contains(key)).toList();
        }
    }
}
