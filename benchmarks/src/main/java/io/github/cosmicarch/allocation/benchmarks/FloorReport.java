package io.github.cosmicarch.allocation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The section of {@code RESULTS.md} on {@link BeyondTheFloor}'s results: a table of every
 * scenario beside its floor, the targets, the CPU profile of the service, and three charts drawn
 * from the same results (throughput against clients, against lines held and against batches, the
 * floor beside each).
 */
final class FloorReport {

    /** Where a target is judged: a line of the targets table. */
    interface Targets {
        void target(String target, String measured, boolean met);
    }

    private final List<JsonNode> rows;
    private final Path charts;
    private final String chartsLink;

    FloorReport(List<JsonNode> rows, Path charts, String chartsLink) {
        this.rows = rows;
        this.charts = charts;
        this.chartsLink = chartsLink;
    }

    void write(Consumer<String> line, Targets targets) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        line.accept("## 6. Beyond the one-transaction floor, on PostgreSQL");
        line.accept("");
        line.accept("The example service in a JVM of its own, over HTTP, and the bus in the harness's JVM, where a bus "
                + "that groups and one that does not are warmed up together and measured in turn at each number of clients. "
                + "Before each "
                + "scenario the floor is measured: a raw JDBC client on one connection allocating with five statements and "
                + "a synchronous commit. CPU is the service's process and the database's processes, read from `/proc`, per "
                + "request answered. \"Grouped\": allocations of one product waiting together are applied in one unit of "
                + "work (ADR 17). The HTTP load comes from wrk where it is installed, from Java clients in the harness's "
                + "JVM otherwise (the client column).");
        line.accept("");
        line.accept("| through | client | scenario | clients | grouped | requests/s | floor/s | × floor | p50 ms | p99 ms "
                + "| failures | service CPU ms/req | database CPU ms/req |");
        line.accept("|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (JsonNode row : rows) {
            line.accept("| " + row.get("through").asText() + " | " + row.path("client").asText("java") + " | " + scenario(row)
                    + " | " + row.get("clients").asText() + " | "
                    + (row.get("grouped").asBoolean() ? "yes" : "no") + " | " + number(perSecond(row)) + " | "
                    + number(row.get("floorPerSecond").asDouble()) + " | " + ratio(row.get("toFloor").asDouble()) + " | "
                    + twoPlaces(row.get("p50Millis").asDouble()) + " | " + twoPlaces(row.get("p99Millis").asDouble()) + " | "
                    + row.get("failures").asText() + " | " + twoPlaces(row.get("serviceCpuMillisPerRequest").asDouble()) + " | "
                    + twoPlaces(row.get("databaseCpuMillisPerRequest").asDouble()) + " |");
        }
        line.accept("");
        Files.createDirectories(charts);
        chart("one-product.png", "POST /allocate on one product", "clients", false,
                series("HTTP, grouped", row -> isHttpOneProduct(row, true), "clients"),
                series("HTTP, not grouped", row -> isHttpOneProduct(row, false), "clients"),
                series("bus, grouped", row -> isBusOneProduct(row, true), "clients"),
                series("bus, not grouped", row -> isBusOneProduct(row, false), "clients"),
                floorSeries(row -> isHttpOneProduct(row, true), "clients"));
        chart("lines-held.png", "POST /allocate, 1 client, on a product holding lines", "lines held", false,
                series("HTTP", row -> scenario(row).startsWith("allocate, product holding"), "held"),
                floorSeries(row -> scenario(row).startsWith("allocate, product holding"), "held"));
        chart("batches.png", "POST /allocate, 1 client, on a product of many batches", "batches", true,
                series("HTTP", row -> scenario(row).startsWith("allocate, product of many batches"), "batches"),
                floorSeries(row -> scenario(row).startsWith("allocate, product of many batches"), "batches"));
        line.accept("![Throughput against clients on one product](" + chartsLink + "/one-product.png)");
        line.accept("![Throughput against lines held](" + chartsLink + "/lines-held.png)");
        line.accept("![Throughput against batches](" + chartsLink + "/batches.png)");
        line.accept("");
        profile(line);
        judge(targets);
    }

    private void profile(Consumer<String> line) {
        Optional<JsonNode> profiled = rows.stream().filter(row -> row.has("profile")).findFirst();
        if (profiled.isEmpty()) {
            return;
        }
        JsonNode row = profiled.get();
        double cpu = row.get("serviceCpuMillisPerRequest").asDouble();
        line.accept("Where the service's CPU goes on 64 products, 16 clients (Java Flight Recorder, "
                + row.get("profile").get("samples").asText() + " samples; each counts for the first frame from the top of "
                + "its stack that belongs to one of these parts; JIT and GC threads are not sampled):");
        line.accept("");
        line.accept("| part | share of samples | ms per request |");
        line.accept("|---|---:|---:|");
        row.get("profile").get("shares").fields().forEachRemaining(part -> line.accept("| " + part.getKey() + " | "
                + String.format(Locale.ROOT, "%.1f %%", 100 * part.getValue().asDouble()) + " | "
                + String.format(Locale.ROOT, "%.3f", cpu * part.getValue().asDouble()) + " |"));
        line.accept("");
    }

    private void judge(Targets targets) {
        find(row -> isHttpOneProduct(row, true) && row.get("clients").asInt() == 1).ifPresent(row ->
                targets.target("HTTP, 1 client, one product: at least 95 % of the floor", measured(row), row.get("toFloor").asDouble() >= 0.95));
        find(row -> isHttpOneProduct(row, true) && row.get("clients").asInt() == 4).ifPresent(row ->
                targets.target("HTTP, 4 clients, one product: at least 2× the floor", measured(row), row.get("toFloor").asDouble() >= 2));
        find(row -> isHttpOneProduct(row, true) && row.get("clients").asInt() == 16).ifPresent(row ->
                targets.target("HTTP, 16 clients, one product: at least 3× the floor, no failure", measured(row),
                        row.get("toFloor").asDouble() >= 3 && row.get("failures").asLong() == 0));
        Optional<JsonNode> oneBatch = find(row -> scenario(row).startsWith("allocate, product of many batches") && row.get("batches").asInt() == 1);
        Optional<JsonNode> thousand = find(row -> scenario(row).startsWith("allocate, product of many batches") && row.get("batches").asInt() == 1_000);
        if (oneBatch.isPresent() && thousand.isPresent()) {
            double slower = perSecond(oneBatch.get()) / perSecond(thousand.get());
            targets.target("HTTP, 1 client: a product of 1 000 batches within 1.2× of a product of one",
                    String.format(Locale.ROOT, "%s vs %s requests/s: %.2f×", number(perSecond(thousand.get())),
                            number(perSecond(oneBatch.get())), slower), slower <= 1.2);
        }
        Optional<JsonNode> noLine = find(row -> scenario(row).startsWith("allocate, product holding") && row.get("held").asInt() == 0);
        Optional<JsonNode> fullest = find(row -> scenario(row).startsWith("allocate, product holding") && row.get("held").asInt() == 50_000);
        if (noLine.isPresent() && fullest.isPresent()) {
            double slower = perSecond(noLine.get()) / perSecond(fullest.get());
            targets.target("HTTP, 1 client: a product holding 50 000 lines within 1.5× of one holding none",
                    String.format(Locale.ROOT, "%s vs %s requests/s: %.2f×", number(perSecond(fullest.get())),
                            number(perSecond(noLine.get())), slower), slower <= 1.5);
        }
        Optional<JsonNode> allocate = find(row -> isHttpOneProduct(row, true) && row.get("clients").asInt() == 1);
        for (String when : List.of("fresh database", "after the preloads")) {
            Optional<JsonNode> addBatch = find(row -> scenario(row).equals("add_batch, " + when));
            if (addBatch.isPresent() && allocate.isPresent()) {
                targets.target("HTTP, 1 client: add_batch at least allocate's rate, " + when,
                        String.format(Locale.ROOT, "%s vs %s requests/s", number(perSecond(addBatch.get())), number(perSecond(allocate.get()))),
                        perSecond(addBatch.get()) >= perSecond(allocate.get()));
            }
        }
        find(row -> scenario(row).equals("allocate, 64 products")).ifPresent(row -> {
            double cpu = row.get("serviceCpuMillisPerRequest").asDouble() + row.get("databaseCpuMillisPerRequest").asDouble();
            targets.target("HTTP, 16 clients, 64 products: at least 2.5× the floor, CPU per request (service and database)"
                            + " at most 1.2 ms",
                    String.format(Locale.ROOT, "%s requests/s, floor %s: %.2f×, %.2f ms CPU per request", number(perSecond(row)),
                            number(row.get("floorPerSecond").asDouble()), row.get("toFloor").asDouble(), cpu),
                    row.get("toFloor").asDouble() >= 2.5 && cpu <= 1.2);
        });
    }

    private Optional<JsonNode> find(Predicate<JsonNode> which) {
        return rows.stream().filter(which).findFirst();
    }

    private static String measured(JsonNode row) {
        return String.format(Locale.ROOT, "%s requests/s, floor %s: %s, %d failures", number(perSecond(row)),
                number(row.get("floorPerSecond").asDouble()), ratio(row.get("toFloor").asDouble()), row.get("failures").asLong());
    }

    private static boolean isHttpOneProduct(JsonNode row, boolean grouped) {
        return row.get("through").asText().equals("http") && scenario(row).equals("allocate, one product")
                && row.get("grouped").asBoolean() == grouped;
    }

    private static boolean isBusOneProduct(JsonNode row, boolean grouped) {
        return row.get("through").asText().equals("bus") && scenario(row).equals("allocate, one product")
                && row.get("grouped").asBoolean() == grouped;
    }

    private XYSeries series(String name, Predicate<JsonNode> which, String x) {
        return series(name, which, x, FloorReport::perSecond);
    }

    /** The floor measured beside each of the rows. */
    private XYSeries floorSeries(Predicate<JsonNode> which, String x) {
        return series("floor: raw JDBC, one connection", which, x, row -> row.get("floorPerSecond").asDouble());
    }

    private XYSeries series(String name, Predicate<JsonNode> which, String x, ToDoubleFunction<JsonNode> perSecond) {
        XYSeries series = new XYSeries(name);
        rows.stream().filter(which).forEach(row -> series.add(row.get(x).asDouble(), perSecond.applyAsDouble(row)));
        return series;
    }

    private void chart(String file, String title, String x, boolean logarithmic, XYSeries... series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries each : series) {
            if (!each.isEmpty()) {
                data.addSeries(each);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, "requests per second", data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        if (logarithmic) {
            LogAxis axis = new LogAxis(x);
            axis.setBase(10);
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            plot.setDomainAxis(axis);
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int index = 0; index < data.getSeriesCount(); index++) {
            boolean floor = data.getSeriesKey(index).toString().startsWith("floor");
            renderer.setSeriesStroke(index, floor
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f)
                    : new BasicStroke(2.5f));
            if (floor) {
                renderer.setSeriesPaint(index, Color.DARK_GRAY);
            }
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(charts.resolve(file).toFile(), chart, 800, 450);
    }

    private static String scenario(JsonNode row) {
        return row.get("scenario").asText() + parameter(row);
    }

    private static String parameter(JsonNode row) {
        for (Map.Entry<String, String> name : List.of(Map.entry("batches", " batches"), Map.entry("held", " lines held"))) {
            if (row.has(name.getKey())) {
                return ": " + row.get(name.getKey()).asText() + name.getValue();
            }
        }
        return "";
    }

    private static double perSecond(JsonNode row) {
        return row.get("operationsPerSecond").asDouble();
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String twoPlaces(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static List<JsonNode> rowsOf(JsonNode results) {
        List<JsonNode> rows = new ArrayList<>();
        results.forEach(rows::add);
        return rows;
    }
}
