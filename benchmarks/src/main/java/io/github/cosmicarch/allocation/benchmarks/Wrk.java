package io.github.cosmicarch.allocation.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from wrk, a client written in C, when it is installed: Java clients in the harness's
 * JVM would take part of the machine's two cores from the service they measure. Each request is a
 * POST whose body is a template: {@code {n}} becomes a value new to the database (the run, the
 * connection and a counter), {@code {sku}} one of the products, in turn.
 */
final class Wrk {

    private static final Pattern SUMMARY = Pattern.compile(
            "WRK (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)");

    /** Builds each request from the template and prints one line with the counts and the latencies in microseconds. */
    private static final String SCRIPT = """
            local connections = {}
            function setup(thread)
              thread:set("id", #connections)
              table.insert(connections, thread)
            end
            function init(args)
              path = args[1]
              template = args[2]
              skus = {}
              for sku in string.gmatch(args[3], "[^,]+") do table.insert(skus, sku) end
              run = args[4]
              counter = 0
            end
            function request()
              counter = counter + 1
              local sku = skus[(counter * 7 + id) % #skus + 1]
              local body = template:gsub("{sku}", sku):gsub("{n}", "n-" .. run .. "-" .. id .. "-" .. counter)
              return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
            end
            function done(summary, latency, requests)
              local errors = summary.errors
              io.write(string.format("WRK %d %d %d %d %d %d %d\\n", summary.requests, errors.status,
                errors.connect + errors.read + errors.write + errors.timeout, summary.duration,
                latency:percentile(50), latency:percentile(90), latency:percentile(99)))
            end
            """;

    private Wrk() {}

    /** A POST of the load: the path, the body's template and the products it names in turn. */
    record Posted(String path, String template, List<String> skus) {

        /** The body with {@code {n}} and {@code {sku}} filled in, as wrk fills them. */
        String body(String n, String sku) {
            return template.replace("{sku}", sku).replace("{n}", n);
        }
    }

    /** How a load ended: what was answered 2xx, what was not, over how long, and the latencies. */
    record Outcome(long successes, long failures, double seconds, Map<String, Object> latencies) {

        double perSecond() {
            return successes / seconds;
        }

        static Outcome of(Load.Measured measured) {
            return new Outcome(measured.successes(), measured.failures(), measured.seconds(), measured.latencies());
        }
    }

    /** Whether a {@code wrk} is on the path. */
    static boolean installed() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    /** Sends the posts from as many connections as clients, on up to four threads, for the duration. */
    static Outcome run(String base, Posted posted, int clients, Duration duration) throws IOException, InterruptedException {
        Path script = Files.createTempFile("allocation-load", ".lua");
        try {
            Files.writeString(script, SCRIPT);
            List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(Math.min(clients, 4)),
                    "-c", String.valueOf(clients), "-d", Math.max(1, duration.toSeconds()) + "s", "--timeout", "30s",
                    "-s", script.toString(), base, "--", posted.path(), posted.template(), String.join(",", posted.skus()),
                    String.valueOf(System.nanoTime())));
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes());
            if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            Matcher summary = SUMMARY.matcher(output);
            if (!summary.find()) {
                throw new IllegalStateException("wrk printed no summary: " + output);
            }
            long requests = Long.parseLong(summary.group(1));
            long failures = Long.parseLong(summary.group(2)) + Long.parseLong(summary.group(3));
            Map<String, Object> latencies = new LinkedHashMap<>();
            latencies.put("p50Millis", Long.parseLong(summary.group(5)) / 1e3);
            latencies.put("p90Millis", Long.parseLong(summary.group(6)) / 1e3);
            latencies.put("p99Millis", Long.parseLong(summary.group(7)) / 1e3);
            return new Outcome(requests - Long.parseLong(summary.group(2)), failures,
                    Long.parseLong(summary.group(4)) / 1e6, latencies);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
