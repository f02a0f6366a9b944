package io.github.cosmicarch.allocation.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.examples.application.AllocationApplication;
import io.github.cosmicarch.allocation.examples.application.Settings;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.BusObserver;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The load harness: what JMH cannot measure well, run for a fixed time with many threads or HTTP
 * clients, written as JSON for {@link ResultsReport}.
 *
 * <ul>
 *   <li>JPA through the bus against the raw-JDBC floor, one thread, interleaved in short slices so
 *       that the ratio is taken between figures measured seconds apart;</li>
 *   <li>JPA through the bus with 8 threads, on distinct products and on one product, with the
 *       conflicts and retries per success;</li>
 *   <li>HTTP: POST /allocate, POST /add_batch and GET /allocations with 1, 4 and 16 clients;</li>
 *   <li>growth: POST /allocate when the product already holds 0 to 50 000 allocations.</li>
 * </ul>
 *
 * <p>Arguments: the output file, the seconds per measurement, and the databases ({@code h2},
 * {@code postgresql}); PostgreSQL's URL comes from the system property
 * {@code allocation.postgres.url}.
 */
public final class LoadHarness {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Duration period;
    private final List<Map<String, Object>> results = new ArrayList<>();

    private LoadHarness(Duration period) {
        this.period = period;
    }

    /**
     * Runs every scenario.
     *
     * @param args output file, seconds per measurement, databases
     * @throws Exception when a scenario cannot run
     */
    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        LoadHarness harness = new LoadHarness(Duration.ofSeconds(Long.parseLong(args[1])));
        for (String database : Arrays.copyOfRange(args, 2, args.length)) {
            String url = database.equals("postgresql")
                    ? System.getProperty("allocation.postgres.url")
                    : "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            harness.jpaAgainstTheFloor(database);
            harness.jpaThreads(database, url);
            harness.http(database, url);
            harness.growth(database, url);
        }
        JSON.writeValue(output.toFile(), harness.results);
        System.out.println("Wrote " + harness.results.size() + " results to " + output);
    }

    /**
     * The three single-thread loops of {@link JpaAllocateBenchmark} take turns: a warm-up of twice
     * the period each, in turns too (Hibernate's code takes several seconds to compile), then
     * rounds in which each runs for one slice, in an order that rotates from round to round. A slow
     * spell of the machine (on PostgreSQL, a commit waits for the disk) then falls on the three
     * alike, and the ratio of JPA to the floor is taken within each round; the median round is
     * reported, with the spread of the rounds.
     */
    private void jpaAgainstTheFloor(String database) throws Exception {
        JpaAllocateBenchmark benchmark = new JpaAllocateBenchmark();
        benchmark.database = database;
        benchmark.open();
        try {
            List<Load.Operation> loops = List.of(
                    () -> benchmark.jpaThroughTheBus() != null,
                    () -> benchmark.rawJdbcFloor() != null,
                    () -> benchmark.rawJdbcAdapterStatements() != null);
            Duration slice = period.dividedBy(8);
            int rounds = (int) Math.max(5, period.toSeconds() * 2);
            for (int warmUp = 0; warmUp < 4; warmUp++) {
                for (Load.Operation loop : loops) {
                    runAlone(loop, period.dividedBy(2));
                }
            }
            double[][] perSecond = new double[loops.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < loops.size(); turn++) {
                    int loop = (round + turn) % loops.size();
                    perSecond[loop][round] = runAlone(loops.get(loop), slice);
                }
            }
            double[] jpaToFloor = new double[rounds];
            double[] jpaToStatements = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                jpaToFloor[round] = perSecond[0][round] / perSecond[1][round];
                jpaToStatements[round] = perSecond[0][round] / perSecond[2][round];
            }
            Map<String, Object> result = result("jpa-floor", database, "one thread, " + rounds + " interleaved rounds of "
                    + slice.toMillis() + " ms");
            result.put("rounds", rounds);
            result.put("jpaPerSecond", median(perSecond[0]));
            result.put("floorPerSecond", median(perSecond[1]));
            result.put("adapterStatementsPerSecond", median(perSecond[2]));
            result.put("jpaToFloor", median(jpaToFloor));
            result.put("jpaToFloorLowest", Arrays.stream(jpaToFloor).min().orElseThrow());
            result.put("jpaToFloorHighest", Arrays.stream(jpaToFloor).max().orElseThrow());
            result.put("jpaToAdapterStatements", median(jpaToStatements));
            results.add(result);
        } finally {
            benchmark.close();
        }
    }

    /** Runs one loop on this thread for the duration; answers its successes per second. */
    private static double runAlone(Load.Operation loop, Duration duration) throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long successes = 0;
        while (System.nanoTime() < end) {
            if (loop.run()) {
                successes++;
            }
        }
        return successes / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private void jpaThreads(String database, String url) throws Exception {
        double statements = statementsPerAllocate(url);
        for (boolean oneProduct : new boolean[] {false, true}) {
            AtomicLong retries = new AtomicLong();
            AtomicLong givenUp = new AtomicLong();
            try (JpaDatabase jpa = JpaDatabase.builder(url).maximumPoolSize(16).build()) {
                MessageBus bus = Bootstrap.builder().unitsOfWork(jpa).readModelKeptByStorage()
                        .messageBus()
                        .retryPolicy(new RetryPolicy(50, Duration.ofMillis(1), Duration.ofMillis(50)))
                        .observer(new BusObserver() {
                            @Override
                            public void conflicted(Object message, int attempt, ConcurrencyConflict conflict, boolean willRetry) {
                                (willRetry ? retries : givenUp).incrementAndGet();
                            }
                        })
                        .build();
                bus.dispatcher().start();
                String run = UUID.randomUUID().toString().substring(0, 8);
                for (int thread = 0; thread < 8; thread++) {
                    bus.handle(CreateBatch.inWarehouse(run + "-batch-" + thread, run + "-SKU-" + thread, Integer.MAX_VALUE / 2));
                }
                Load.Measured measured = measure(8, thread -> {
                    String sku = run + "-SKU-" + (oneProduct ? 0 : thread);
                    long[] next = {0};
                    return () -> {
                        bus.handle(new Allocate(run + "-" + thread + "-" + next[0]++, sku, 1));
                        return true;
                    };
                });
                Map<String, Object> result = result("jpa-bus", database, oneProduct ? "8 threads, one product" : "8 threads, distinct products");
                result.put("operationsPerSecond", measured.perSecond());
                result.put("retriesPerSuccess", (double) retries.get() / Math.max(1, measured.successes()));
                result.put("conflictsGivenUp", givenUp.get());
                result.put("failures", measured.failures());
                result.put("statementsPerCommand", statements);
                results.add(result);
                bus.dispatcher().close();
            }
        }
    }

    /** SQL statements per Allocate through the bus, from Hibernate's statistics, over 100 commands. */
    private static double statementsPerAllocate(String url) throws Exception {
        try (JpaDatabase jpa = JpaDatabase.builder(url).property("hibernate.generate_statistics", true).build()) {
            MessageBus bus = Bootstrap.builder().unitsOfWork(jpa).readModelKeptByStorage().build();
            String sku = "STATEMENTS-" + UUID.randomUUID().toString().substring(0, 8);
            bus.handle(CreateBatch.inWarehouse(sku + "-batch", sku, 1_000_000));
            Object statistics = jpa.entityManagerFactory().getClass().getMethod("getStatistics").invoke(jpa.entityManagerFactory());
            statistics.getClass().getMethod("clear").invoke(statistics);
            for (int order = 0; order < 100; order++) {
                bus.handle(new Allocate(sku + "-" + order, sku, 1));
            }
            return (Long) statistics.getClass().getMethod("getPrepareStatementCount").invoke(statistics) / 100.0;
        }
    }

    private void http(String database, String url) throws Exception {
        try (AllocationApplication application = AllocationApplication.start(
                new Settings(0, url, Optional.empty(), Optional.empty()))) {
            String base = "http://127.0.0.1:" + application.port();
            String run = UUID.randomUUID().toString().substring(0, 8);
            HttpClient client = HttpClient.newBuilder().build();
            send(client, base + "/add_batch", "{\"ref\": \"" + run + "-stock\", \"sku\": \"" + run + "\", \"qty\": 1000000000, \"eta\": null}");
            for (int order = 0; order < 100; order++) {
                send(client, base + "/allocate", "{\"orderid\": \"" + run + "-known-" + order + "\", \"sku\": \"" + run + "\", \"qty\": 1}");
            }
            for (int clients : new int[] {1, 4, 16}) {
                AtomicLong next = new AtomicLong();
                httpScenario(database, "POST /allocate", clients, client, request -> send(client, base + "/allocate",
                        "{\"orderid\": \"" + run + "-" + clients + "-" + next.incrementAndGet() + "\", \"sku\": \"" + run + "\", \"qty\": 1}"));
                httpScenario(database, "POST /add_batch", clients, client, request -> {
                    long id = next.incrementAndGet();
                    return send(client, base + "/add_batch", "{\"ref\": \"" + run + "-batch-" + clients + "-" + id
                            + "\", \"sku\": \"" + run + "-batches-" + clients + "-" + (id % 50) + "\", \"qty\": 10, \"eta\": \"2031-01-01\"}");
                });
                httpScenario(database, "GET /allocations", clients, client,
                        request -> get(client, base + "/allocations/" + run + "-known-" + (next.incrementAndGet() % 100)));
            }
        }
    }

    private void growth(String database, String url) throws Exception {
        try (AllocationApplication application = AllocationApplication.start(
                new Settings(0, url, Optional.empty(), Optional.empty()))) {
            String base = "http://127.0.0.1:" + application.port();
            HttpClient client = HttpClient.newBuilder().build();
            for (int held : new int[] {0, 1_000, 10_000, 50_000}) {
                String sku = "GROWTH-" + held + "-" + UUID.randomUUID().toString().substring(0, 8);
                Load.seed(url, sku, held);
                AtomicLong next = new AtomicLong();
                Load.Measured measured = measure(4, thread -> () -> send(client, base + "/allocate",
                        "{\"orderid\": \"" + sku + "-new-" + next.incrementAndGet() + "\", \"sku\": \"" + sku + "\", \"qty\": 1}") / 100 == 2);
                Map<String, Object> result = result("growth", database, held + " allocations held");
                result.put("held", held);
                result.put("operationsPerSecond", measured.perSecond());
                result.put("non2xx", measured.failures());
                result.putAll(measured.latencies());
                results.add(result);
            }
        }
    }

    private void httpScenario(String database, String route, int clients, HttpClient client, IntFunction<Integer> request)
            throws Exception {
        Load.Measured measured = measure(clients, thread -> () -> request.apply(thread) / 100 == 2);
        Map<String, Object> result = result("http", database, route + ", " + clients + " clients");
        result.put("route", route);
        result.put("clients", clients);
        result.put("operationsPerSecond", measured.perSecond());
        result.put("non2xx", measured.failures());
        result.putAll(measured.latencies());
        results.add(result);
    }

    private static Map<String, Object> result(String kind, String database, String scenario) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", kind);
        result.put("database", database);
        result.put("scenario", scenario);
        System.out.println("Measuring " + kind + " on " + database + ": " + scenario);
        return result;
    }

    /** Runs the threads' operations for a warm-up of half the period, then measures for the period. */
    private Load.Measured measure(int threads, IntFunction<Load.Operation> operations) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Load.run(pool, threads, operations, period.dividedBy(2));
            return Load.run(pool, threads, operations, period);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int send(HttpClient client, String url, String body) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 599;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 599;
        }
    }

    private static int get(HttpClient client, String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 599;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 599;
        }
    }
}
