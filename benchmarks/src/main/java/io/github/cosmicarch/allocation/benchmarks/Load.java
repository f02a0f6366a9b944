package io.github.cosmicarch.allocation.benchmarks;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** What the load harnesses share: threads that repeat an operation for a while, and a product seeded with lines. */
final class Load {

    private Load() {}

    /** One unit of work of a load thread; answers whether it succeeded. */
    @FunctionalInterface
    interface Operation {
        boolean run() throws Exception;
    }

    record Measured(long successes, long failures, double seconds, long[] latencyNanos) {

        double perSecond() {
            return successes / seconds;
        }

        Map<String, Object> latencies() {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            Map<String, Object> percentiles = new LinkedHashMap<>();
            for (double percentile : new double[] {50, 90, 99}) {
                int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100 * sorted.length) - 1);
                percentiles.put("p" + (int) percentile + "Millis", sorted.length == 0 ? 0 : sorted[Math.max(0, index)] / 1e6);
            }
            return percentiles;
        }
    }

    static Measured run(ExecutorService pool, int threads, IntFunction<Operation> operations, Duration duration)
            throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            Operation operation = operations.apply(thread);
            futures.add(pool.submit(() -> {
                long successes = 0;
                long failures = 0;
                long[] latencies = new long[1 << 16];
                int recorded = 0;
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    boolean ok;
                    try {
                        ok = operation.run();
                    } catch (Exception | Error failure) {
                        ok = false;
                    }
                    long took = System.nanoTime() - before;
                    if (recorded == latencies.length) {
                        latencies = Arrays.copyOf(latencies, recorded * 2);
                    }
                    latencies[recorded++] = took;
                    if (ok) {
                        successes++;
                    } else {
                        failures++;
                    }
                }
                long[] summary = Arrays.copyOf(latencies, recorded + 2);
                summary[recorded] = successes;
                summary[recorded + 1] = failures;
                return summary;
            }));
        }
        long successes = 0;
        long failures = 0;
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            long[] summary = future.get();
            successes += summary[summary.length - 2];
            failures += summary[summary.length - 1];
            all.add(Arrays.copyOf(summary, summary.length - 2));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Measured(successes, failures, seconds, latencies);
    }

    /** Writes a product holding the given number of one-unit lines straight into the tables. */
    static void seed(String url, String sku, int held) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (PreparedStatement product = connection.prepareStatement("insert into products (sku, version) values (?, ?)");
                 PreparedStatement batch = connection.prepareStatement("insert into batches (reference, sku, purchased_quantity, "
                         + "allocated_quantity, eta, addition_order) values (?, ?, ?, ?, null, 0)");
                 PreparedStatement line = connection.prepareStatement(
                         "insert into allocations (batch_reference, sku, order_id, quantity) values (?, ?, ?, 1)")) {
                product.setString(1, sku);
                product.setLong(2, 1L + held);
                product.executeUpdate();
                batch.setString(1, sku + "-batch");
                batch.setString(2, sku);
                batch.setInt(3, 1_000_000_000);
                batch.setInt(4, held);
                batch.executeUpdate();
                for (int order = 0; order < held; order++) {
                    line.setString(1, sku + "-batch");
                    line.setString(2, sku);
                    line.setString(3, sku + "-held-" + order);
                    line.addBatch();
                    if (order % 5_000 == 4_999) {
                        line.executeBatch();
                    }
                }
                line.executeBatch();
            }
            connection.commit();
        }
    }
}
