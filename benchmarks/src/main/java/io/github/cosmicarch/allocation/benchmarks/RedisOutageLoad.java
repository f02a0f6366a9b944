package io.github.cosmicarch.allocation.benchmarks;

import io.github.cosmicarch.allocation.examples.application.AllocationApplication;
import io.github.cosmicarch.allocation.examples.application.Settings;
import io.github.cosmicarch.allocation.examples.application.Settings.Endpoint;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import redis.clients.jedis.Jedis;

/**
 * POST /allocate from one client while Redis answers, is frozen (SIGSTOP) and is stopped, in
 * rounds that rotate through the three (4 rounds of 3 s each), on the example service with H2 in
 * memory and a redis-server of its own. Prints each round and the medians with their ratios to
 * the rounds with Redis up. Needs {@code redis-server}.
 *
 * <pre>{@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     io.github.cosmicarch.allocation.benchmarks.RedisOutageLoad}</pre>
 */
public final class RedisOutageLoad {

    private static final Duration ROUND = Duration.ofSeconds(3);
    private static final int ROUNDS = 6;

    private RedisOutageLoad() {}

    /**
     * Runs the measurement.
     *
     * @param args ignored
     * @throws Exception when Redis or the service cannot start
     */
    public static void main(String[] args) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process redis = startRedis(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpClient client = HttpClient.newHttpClient();
        Map<String, List<Double>> rates = new TreeMap<>();
        try (AllocationApplication application = AllocationApplication.start(new Settings(0,
                "jdbc:h2:mem:" + run + ";DB_CLOSE_DELAY=-1", Optional.of(new Endpoint("127.0.0.1", port)), Optional.empty()))) {
            String base = "http://127.0.0.1:" + application.port();
            post(client, base + "/add_batch", "{\"ref\": \"" + run + "\", \"sku\": \"" + run + "\", \"qty\": 1000000000, \"eta\": null}");
            long[] order = {0};
            Duration warmUp = Duration.ofSeconds(30);
            allocateFor(client, base, run, order, warmUp);
            String[] phases = {"up", "frozen", "stopped"};
            for (int round = 0; round < ROUNDS; round++) {
                for (int step = 0; step < phases.length; step++) {
                    String phase = phases[(round + step) % phases.length];
                    if (phase.equals("frozen")) {
                        signal(redis, "-STOP");
                    } else if (phase.equals("stopped")) {
                        redis.destroy();
                        redis.waitFor();
                    }
                    long[] outcome = allocateFor(client, base, run, order, ROUND);
                    double rate = outcome[0] / (double) ROUND.toSeconds();
                    rates.computeIfAbsent(phase, key -> new ArrayList<>()).add(rate);
                    System.out.printf("round %d, Redis %-7s %8.1f requests/s, %d answers other than 202%n", round + 1,
                            phase, rate, outcome[1]);
                    if (phase.equals("frozen")) {
                        signal(redis, "-CONT");
                    } else if (phase.equals("stopped")) {
                        redis = startRedis(port);
                    }
                }
            }
        } finally {
            signal(redis, "-CONT");
            redis.destroy();
        }
        double up = median(rates.get("up"));
        rates.forEach((phase, values) -> System.out.printf("median, Redis %-7s %8.1f requests/s = %.3f of up%n", phase,
                median(values), median(values) / up));
    }

    /** Allocates one line after another for the duration; answers the 202s and the others. */
    private static long[] allocateFor(HttpClient client, String base, String sku, long[] order, Duration duration)
            throws Exception {
        long accepted = 0;
        long other = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            int status = post(client, base + "/allocate",
                    "{\"orderid\": \"" + sku + "-" + order[0]++ + "\", \"sku\": \"" + sku + "\", \"qty\": 1}");
            if (status == 202) {
                accepted++;
            } else {
                other++;
            }
        }
        return new long[] {accepted, other};
    }

    private static int post(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A redis-server of its own on the port, keeping nothing on disk, once it answers PING. */
    static Process startRedis(int port) throws Exception {
        Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                if ("PONG".equals(jedis.ping())) {
                    return redis;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    private static void signal(Process process, String signal) throws Exception {
        if (process.isAlive()) {
            new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
