package io.github.cosmicarch.allocation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes {@code RESULTS.md} and {@code results.json} from the JMH results and the load harness
 * results: a table per benchmark, the machine and JDK they ran on, and each target, met or missed.
 *
 * <p>Arguments: the JMH JSON files (comma-separated), the harness JSON, the mode ({@code quick} or
 * {@code full}), the Markdown output, the JSON output, the JSON of {@link BeyondTheFloor} and the
 * folder its charts are drawn in.
 */
public final class ResultsReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final JsonNode jmh;
    private final JsonNode harness;
    private final StringBuilder markdown = new StringBuilder();
    private final ArrayNode targets = JSON.createArrayNode();
    private final JsonNode beyondTheFloor;
    private final JsonNode backlog;
    private final Path charts;
    private String provenance = "";

    private ResultsReport(JsonNode jmh, JsonNode harness, JsonNode beyondTheFloor, JsonNode backlog, Path charts) {
        this.jmh = jmh;
        this.harness = harness;
        this.beyondTheFloor = beyondTheFloor;
        this.backlog = backlog;
        this.charts = charts;
    }

    /**
     * Writes the report.
     *
     * @param args JMH JSON files, harness JSON, mode, Markdown output, JSON output, the JSON of
     *             {@link BeyondTheFloor}, the folder for the charts (beside the Markdown output),
     *             the JSON of {@link BacklogAfterOutage}, and optionally a paragraph on where the
     *             figures come from, when they were not all measured in one run
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        ArrayNode jmh = JSON.createArrayNode();
        for (String file : args[0].split(",")) {
            JSON.readTree(Path.of(file).toFile()).forEach(jmh::add);
        }
        ResultsReport report = new ResultsReport(jmh, JSON.readTree(Path.of(args[1]).toFile()),
                JSON.readTree(Path.of(args[5]).toFile()), JSON.readTree(Path.of(args[7]).toFile()), Path.of(args[6]));
        String mode = args[2];
        ObjectNode machine = machine();
        report.provenance = args.length > 8 ? args[8] : "";
        report.write(mode, machine);
        Files.writeString(Path.of(args[3]), report.markdown);
        ObjectNode all = JSON.createObjectNode();
        all.put("mode", mode);
        all.set("machine", machine);
        all.set("targets", report.targets);
        all.set("jmh", report.jmh);
        all.set("harness", report.harness);
        all.set("beyondTheFloor", report.beyondTheFloor);
        all.set("backlogAfterOutage", report.backlog);
        JSON.writeValue(Path.of(args[4]).toFile(), all);
        System.out.println("Wrote " + args[3] + " and " + args[4]);
    }

    private void write(String mode, ObjectNode machine) throws IOException {
        line("# Benchmark results");
        line("");
        line("Measured on " + machine.get("date").asText() + " in " + mode + " mode by `benchmarks/run" + (mode.equals("quick") ? " --quick" : "")
                + "`, on " + machine.get("cpu").asText() + " (" + machine.get("cores").asInt() + " cores, "
                + machine.get("memory").asText() + "), " + machine.get("jdk").asText() + ". The machine is shared "
                + "and noisy: medians are quoted, with JMH's 99.9 % error of the mean beside them; ratios compare "
                + "figures measured side by side in the same run." + (mode.equals("quick") ? " Quick mode is a smoke run: its figures are not judged." : ""));
        line("");
        if (!provenance.isEmpty()) {
            line(provenance);
            line("");
        }
        line("What a change costs against the commit before it is measured with `benchmarks/compare` (alternating "
                + "rounds of one benchmark) and kept in [ANALYSIS.md](ANALYSIS.md): durable events in section 6.");
        line("");
        domain();
        bus();
        jpa();
        providerCost();
        http();
        growth();
        new FloorReport(FloorReport.rowsOf(beyondTheFloor), charts, charts.getFileName().toString()).write(this::line, this::target);
        backlogAfterOutage();
        line("## Targets");
        line("");
        line("| target | measured | verdict |");
        line("|---|---|---|");
        for (JsonNode target : targets) {
            line("| " + target.get("target").asText() + " | " + target.get("measured").asText() + " | "
                    + target.get("verdict").asText() + " |");
        }
        line("");
        line("Why a target is missed, with the profiles and the changes they led to: [ANALYSIS.md](ANALYSIS.md).");
        line("");
    }

    /** Section 7: publishing beside allocating, and the backlog of a broker outage drained after it. */
    private void backlogAfterOutage() {
        if (!backlog.has("drainSeconds")) {
            return;
        }
        line("## 7. The dispatcher keeps up and catches up");
        line("");
        line("The example service on " + backlog.get("database").asText() + " with a redis-server of its own, "
                + backlog.get("clients").asInt() + " HTTP clients allocating throughout (`BacklogAfterOutage`). Redis up: "
                + "allocations answered and `line_allocated` messages heard per second over the same seconds. Then Redis "
                + "stopped until the outbox holds the backlog, and started again: seconds until no event stored before "
                + "its return is left, while the load goes on.");
        line("");
        line("| allocations/s | published/s | published / allocated | outage s | backlog (events) | drained in s |");
        line("|---:|---:|---:|---:|---:|---:|");
        double allocated = backlog.get("allocationsPerSecond").asDouble();
        double published = backlog.get("publishedPerSecond").asDouble();
        JsonNode drain = backlog.get("drainSeconds");
        line("| " + number(allocated) + " | " + number(published) + " | " + String.format(Locale.ROOT, "%.2f", published / allocated)
                + " | " + number(backlog.get("outageSeconds").asDouble()) + " | " + number(backlog.get("backlog").asDouble())
                + " | " + (drain.isNull() ? "not within " + number(backlog.get("leftAfterLongestDrain").asDouble()) + " left"
                        : number(drain.asDouble())) + " |");
        line("");
        target("publishing keeps pace with 16 clients allocating", String.format(Locale.ROOT, "%.2f of the allocations",
                published / allocated), published >= 0.98 * allocated);
        target("a backlog of 10 000 events published within 10 s of the broker's return",
                drain.isNull() ? "not drained" : number(drain.asDouble()) + " s for " + number(backlog.get("backlog").asDouble())
                        + " events", !drain.isNull() && drain.asDouble() <= 10 && backlog.get("backlog").asDouble() >= 10_000);
    }

    private void domain() {
        List<JsonNode> rows = benchmarks("ProductAllocateBenchmark.allocate");
        if (rows.isEmpty()) {
            return;
        }
        line("## 1. Domain: `Product.allocate` of a new line");
        line("");
        line("Single-shot batches of 1 000 allocations; ns per allocation. `room=first`: the first batch in "
                + "preference order has room; `room=last`: only the last one does (every batch is examined).");
        line("");
        line("| batches | lines held | room | median ns | mean ± error ns | shots |");
        line("|---:|---:|---|---:|---:|---:|");
        for (JsonNode row : rows) {
            JsonNode params = row.get("params");
            JsonNode metric = row.get("primaryMetric");
            line("| " + params.get("batches").asText() + " | " + params.get("lines").asText() + " | " + params.get("room").asText()
                    + " | " + number(median(metric)) + " | " + number(metric.get("score").asDouble()) + " ± "
                    + number(metric.get("scoreError").asDouble()) + " | " + metric.get("rawData").get(0).size() + " |");
        }
        line("");
        Optional<Double> base = medianOf(rows, params -> is(params, "batches", "1") && is(params, "lines", "0") && is(params, "room", "first"));
        Optional<Double> largest = medianOf(rows, params -> is(params, "batches", "1000") && is(params, "lines", "100000") && is(params, "room", "first"));
        if (base.isPresent() && largest.isPresent()) {
            double ratio = largest.get() / base.get();
            target("Domain: allocate at 1 000 batches × 100 000 lines ≤ 2× allocate at 1 batch × 0 lines",
                    String.format(Locale.ROOT, "%s ns vs %s ns: %.2f×", number(largest.get()), number(base.get()), ratio), ratio <= 2);
        }
        Optional<Double> worstSmall = medianOf(rows, params -> is(params, "batches", "1") && is(params, "lines", "0") && is(params, "room", "last"));
        Optional<Double> worstLarge = medianOf(rows, params -> is(params, "batches", "1000") && is(params, "lines", "0") && is(params, "room", "last"));
        if (worstSmall.isPresent() && worstLarge.isPresent()) {
            line(String.format(Locale.ROOT, "Worst case growth: with only the last batch free, 1 000 batches cost %.0f× one "
                    + "batch (%s ns vs %s ns): linear in the batches examined, as designed.", worstLarge.get() / worstSmall.get(),
                    number(worstLarge.get()), number(worstSmall.get())));
            line("");
        }
    }

    private void bus() {
        List<JsonNode> rows = benchmarks("InMemoryBusBenchmark.");
        if (rows.isEmpty()) {
            return;
        }
        line("## 2. Message bus on the in-memory adapter");
        line("");
        line("Allocate commands with everything they set off (the read model, kept in the commit; the publisher's "
                + "event handler), each thread on a product of its "
                + "own; single shots of 500 commands on a fresh database whose products already hold `lines held` lines.");
        line("");
        line("| threads | lines held | grouped | median µs per command per thread | commands per second (all threads) |");
        line("|---:|---:|---|---:|---:|");
        for (JsonNode row : rows) {
            int threads = row.get("threads").asInt();
            double median = median(row.get("primaryMetric"));
            line("| " + threads + " | " + row.path("params").path("linesHeld").asText("0") + " | "
                    + (is(row.get("params"), "grouped", "true") ? "yes" : "no") + " | " + number(median)
                    + " | " + number(threads * 1e6 / median) + " |");
        }
        line("");
        for (int threads : new int[] {1, 2}) {
            String benchmark = threads == 1 ? "oneThread" : "twoThreads";
            Optional<Double> empty = medianOf(rows, params -> is(params, "linesHeld", "0") && !is(params, "grouped", "true"), benchmark);
            Optional<Double> full = medianOf(rows, params -> is(params, "linesHeld", "10000") && !is(params, "grouped", "true"), benchmark);
            Optional<Double> grouped = medianOf(rows, params -> is(params, "linesHeld", "0") && is(params, "grouped", "true"), benchmark);
            String perThread = threads == 1 ? "one thread" : threads + " threads, each on a product of its own";
            if (empty.isPresent() && full.isPresent()) {
                line(String.format(Locale.ROOT, "With %s, a product holding 10 000 lines costs %.2f× an empty one per command.",
                        perThread, full.get() / empty.get()));
                line("");
            }
            if (empty.isPresent() && grouped.isPresent()) {
                line(String.format(Locale.ROOT, "With %s, grouping allocations costs a lone command %.2f× what it costs "
                        + "ungrouped (%s µs vs %s µs).", perThread, grouped.get() / empty.get(), number(grouped.get()),
                        number(empty.get())));
                line("");
            }
        }
    }

    private void jpa() {
        List<JsonNode> rows = benchmarks("JpaAllocateBenchmark.");
        if (rows.isEmpty()) {
            return;
        }
        line("## 3. JPA through the bus against the raw-JDBC floor");
        line("");
        line("One thread, Allocate commands per second (median of the iterations), on the same schema and database. "
                + "The last two columns explain the ratio: raw JDBC issuing the adapter's own statements by hand "
                + "separates what Hibernate and the library cost from what the domain asks beyond the floor "
                + "(see ANALYSIS.md).");
        line("");
        line("JMH, one benchmark after the other:");
        line("");
        line("| database | JPA through the bus | raw JDBC floor | JPA / floor | raw JDBC, adapter's statements | JPA / those |");
        line("|---|---:|---:|---:|---:|---:|");
        for (String database : List.of("h2", "postgresql")) {
            Optional<Double> viaJpa = medianOf(rows, params -> is(params, "database", database), "jpaThroughTheBus");
            Optional<Double> floor = medianOf(rows, params -> is(params, "database", database), "rawJdbcFloor");
            Optional<Double> same = medianOf(rows, params -> is(params, "database", database), "rawJdbcAdapterStatements");
            if (viaJpa.isPresent() && floor.isPresent()) {
                line("| " + database + " | " + number(viaJpa.get()) + " | " + number(floor.get()) + " | "
                        + percent(viaJpa.get() / floor.get())
                        + " | " + same.map(ResultsReport::number).orElse("-")
                        + " | " + same.map(statements -> percent(viaJpa.get() / statements)).orElse("-") + " |");
            }
        }
        line("");
        List<JsonNode> interleaved = harness("jpa-floor");
        if (!interleaved.isEmpty()) {
            line("The same three loops interleaved by the load harness: after a warm-up, rounds in which each runs for one "
                    + "slice, in a rotating order, so that a slow spell of the machine falls on all three alike; the ratio is "
                    + "taken within each round, and the targets are judged on its median.");
            line("");
            line("| database | rounds | JPA through the bus | raw JDBC floor | JPA / floor, median round | lowest – highest round | raw JDBC, adapter's statements | JPA / those |");
            line("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (JsonNode row : interleaved) {
                double ratio = row.get("jpaToFloor").asDouble();
                line("| " + row.get("database").asText() + " | " + row.get("rounds").asText() + " | "
                        + number(row.get("jpaPerSecond").asDouble()) + " | " + number(row.get("floorPerSecond").asDouble()) + " | "
                        + percent(ratio) + " | " + percent(row.get("jpaToFloorLowest").asDouble()) + " – "
                        + percent(row.get("jpaToFloorHighest").asDouble()) + " | "
                        + number(row.get("adapterStatementsPerSecond").asDouble()) + " | "
                        + percent(row.get("jpaToAdapterStatements").asDouble()) + " |");
                target("JPA ≥ 70 % of the raw-JDBC floor on " + row.get("database").asText() + ", one thread",
                        percent(ratio) + " (median of " + row.get("rounds").asText() + " interleaved rounds)", ratio >= 0.7);
            }
            line("");
        }
        line("Eight threads through the bus (load harness):");
        line("");
        line("| database | scenario | commands per second | retries per success | conflicts given up | SQL statements per command |");
        line("|---|---|---:|---:|---:|---:|");
        for (JsonNode row : harness("jpa-bus")) {
            line("| " + row.get("database").asText() + " | " + row.get("scenario").asText() + " | "
                    + number(row.get("operationsPerSecond").asDouble()) + " | "
                    + String.format(Locale.ROOT, "%.2f", row.get("retriesPerSuccess").asDouble()) + " | "
                    + row.get("conflictsGivenUp").asText() + " | " + row.path("statementsPerCommand").asText("-") + " |");
        }
        line("");
    }

    /**
     * What the persistence provider costs by itself, from {@link StatementCostBenchmark}, and the
     * highest JPA-to-floor ratio any adapter issuing the JPA adapter's statements through it could
     * reach: the floor's time over the time of those statements by hand plus the provider's cost
     * for them (two queries, four native writes, one transaction).
     */
    private void providerCost() {
        List<JsonNode> rows = benchmarks("StatementCostBenchmark.");
        for (String database : List.of("h2", "postgresql")) {
            Predicate<JsonNode> on = params -> is(params, "database", database);
            Optional<Double> jdbcOne = medianOf(rows, on, "jdbcOneStatement");
            Optional<Double> jdbcMany = medianOf(rows, on, "jdbcManyStatements");
            Optional<Double> jdbcUpdates = medianOf(rows, on, "jdbcManyUpdates");
            Optional<Double> jpaOne = medianOf(rows, on, "jpaOneStatement");
            Optional<Double> jpaMany = medianOf(rows, on, "jpaManyStatements");
            Optional<Double> jpaUpdates = medianOf(rows, on, "jpaManyNativeUpdates");
            if (jdbcOne.isEmpty() || jdbcMany.isEmpty() || jdbcUpdates.isEmpty() || jpaOne.isEmpty() || jpaMany.isEmpty()
                    || jpaUpdates.isEmpty()) {
                continue;
            }
            int many = StatementCostBenchmark.MANY;
            double perQuery = ((jpaMany.get() - jpaOne.get()) - (jdbcMany.get() - jdbcOne.get())) / (many - 1);
            double perTransaction = (jpaOne.get() - jdbcOne.get()) - perQuery;
            double perWrite = ((jpaUpdates.get() - jdbcUpdates.get()) - perTransaction) / many;
            double forAnAllocate = 2 * perQuery + 4 * perWrite + perTransaction;
            line("What the persistence provider costs by itself on " + database + " (JMH, `StatementCostBenchmark`: one "
                    + "transaction reading a product's version once or " + many + " times, or running " + many
                    + " updates, through raw JDBC and through an entity manager; µs, medians):");
            line("");
            line("| transaction | raw JDBC µs | entity manager µs |");
            line("|---|---:|---:|");
            line("| 1 query | " + micros(jdbcOne.get()) + " | " + micros(jpaOne.get()) + " |");
            line("| " + many + " queries | " + micros(jdbcMany.get()) + " | " + micros(jpaMany.get()) + " |");
            line("| " + many + " updates (native SQL through the entity manager) | " + micros(jdbcUpdates.get()) + " | "
                    + micros(jpaUpdates.get()) + " |");
            line("");
            String ceiling = "";
            Optional<JsonNode> interleaved = harness("jpa-floor").stream()
                    .filter(row -> row.get("database").asText().equals(database)).findFirst();
            if (interleaved.isPresent()) {
                double floorMicros = 1e6 / interleaved.get().get("floorPerSecond").asDouble();
                double statementsMicros = 1e6 / interleaved.get().get("adapterStatementsPerSecond").asDouble();
                ceiling = String.format(Locale.ROOT, " With the interleaved figures above (floor %s µs, the adapter's statements "
                                + "by hand %s µs per command), no adapter issuing those statements through the provider "
                                + "could pass %s of the floor here.", micros(floorMicros), micros(statementsMicros),
                        percent(floorMicros / (statementsMicros + forAnAllocate)));
            }
            line(String.format(Locale.ROOT, "So the provider adds %s µs per query, %s µs per native write and %s µs per "
                            + "transaction: %s µs for the two queries, four writes and one transaction of an Allocate.%s",
                    micros(perQuery), micros(perWrite), micros(perTransaction), micros(forAnAllocate), ceiling));
            line("");
        }
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private void http() {
        List<JsonNode> rows = harness("http");
        if (rows.isEmpty()) {
            return;
        }
        line("## 4. HTTP");
        line("");
        line("The example application (JDK HTTP server, JPA adapter), driven by the load harness's Java HTTP clients.");
        line("");
        line("| database | route | clients | requests per second | p50 ms | p90 ms | p99 ms | non-2xx |");
        line("|---|---|---:|---:|---:|---:|---:|---:|");
        long non2xx = 0;
        for (JsonNode row : rows) {
            non2xx += row.get("non2xx").asLong();
            line("| " + row.get("database").asText() + " | " + row.get("route").asText() + " | " + row.get("clients").asText()
                    + " | " + number(row.get("operationsPerSecond").asDouble()) + " | " + millis(row, "p50Millis") + " | "
                    + millis(row, "p90Millis") + " | " + millis(row, "p99Millis") + " | " + row.get("non2xx").asText() + " |");
        }
        line("");
        target("HTTP: no non-2xx answer", non2xx + " non-2xx answers", non2xx == 0);
    }

    private void growth() {
        List<JsonNode> rows = harness("growth");
        if (rows.isEmpty()) {
            return;
        }
        line("## 5. Growth: POST /allocate as the product fills");
        line("");
        line("| database | allocations held | requests per second | p50 ms | p99 ms | non-2xx |");
        line("|---|---:|---:|---:|---:|---:|");
        for (JsonNode row : rows) {
            line("| " + row.get("database").asText() + " | " + row.get("held").asText() + " | "
                    + number(row.get("operationsPerSecond").asDouble()) + " | " + millis(row, "p50Millis") + " | "
                    + millis(row, "p99Millis") + " | " + row.get("non2xx").asText() + " |");
        }
        line("");
        for (String database : List.of("h2", "postgresql")) {
            Optional<JsonNode> first = rows.stream().filter(row -> row.get("database").asText().equals(database) && row.get("held").asInt() == 0).findFirst();
            Optional<JsonNode> last = rows.stream().filter(row -> row.get("database").asText().equals(database) && row.get("held").asInt() == 50_000).findFirst();
            if (first.isPresent() && last.isPresent()) {
                double ratio = first.get().get("operationsPerSecond").asDouble() / last.get().get("operationsPerSecond").asDouble();
                target("Growth on " + database + ": throughput at 50 000 allocations within 1.5× of the throughput at 0",
                        String.format(Locale.ROOT, "%s vs %s requests/s: %.2f×", number(last.get().get("operationsPerSecond").asDouble()),
                                number(first.get().get("operationsPerSecond").asDouble()), ratio), ratio <= 1.5);
            }
        }
    }

    private void target(String target, String measured, boolean met) {
        ObjectNode node = targets.addObject();
        node.put("target", target);
        node.put("measured", measured);
        node.put("verdict", met ? "met" : "missed");
    }

    private List<JsonNode> benchmarks(String prefix) {
        List<JsonNode> rows = new ArrayList<>();
        jmh.forEach(row -> {
            if (row.get("benchmark").asText().contains(prefix)) {
                rows.add(row);
            }
        });
        return rows;
    }

    private List<JsonNode> harness(String kind) {
        List<JsonNode> rows = new ArrayList<>();
        harness.forEach(row -> {
            if (row.get("kind").asText().equals(kind)) {
                rows.add(row);
            }
        });
        return rows;
    }

    private static Optional<Double> medianOf(List<JsonNode> rows, Predicate<JsonNode> params) {
        return rows.stream().filter(row -> params.test(row.get("params"))).findFirst().map(row -> median(row.get("primaryMetric")));
    }

    private static Optional<Double> medianOf(List<JsonNode> rows, Predicate<JsonNode> params, String method) {
        return rows.stream().filter(row -> row.get("benchmark").asText().endsWith("." + method))
                .filter(row -> params.test(row.get("params"))).findFirst().map(row -> median(row.get("primaryMetric")));
    }

    private static boolean is(JsonNode params, String name, String value) {
        return params != null && params.has(name) && params.get(name).asText().equals(value);
    }

    private static double median(JsonNode metric) {
        return metric.get("scorePercentiles").get("50.0").asDouble();
    }

    private static String millis(JsonNode row, String field) {
        return String.format(Locale.ROOT, "%.2f", row.get(field).asDouble());
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * ratio);
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private void line(String text) {
        markdown.append(text).append('\n');
    }

    private static ObjectNode machine() throws IOException {
        ObjectNode machine = JSON.createObjectNode();
        String cpu = "unknown CPU";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        }
        String memory = "unknown memory";
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            memory = Files.readAllLines(meminfo).stream().filter(line -> line.startsWith("MemTotal"))
                    .map(line -> Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB")
                    .findFirst().orElse(memory);
        }
        machine.put("cpu", cpu);
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory", memory);
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("date", LocalDate.now().toString());
        return machine;
    }
}
