package io.github.cosmicarch.allocation.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cosmicarch.allocation.adapter.jpa.JpaDatabase;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The workloads of "beyond the one-transaction floor", on PostgreSQL: the example service in a
 * JVM of its own, driven over HTTP, and the bus in this JVM, each scenario measured right after
 * the floor (a raw JDBC client on one connection allocating with five statements and a
 * synchronous commit), so that every figure has its floor from the same minute. For each it
 * reads the CPU time the service's process and the database's processes spent, from
 * {@code /proc}, and divides it by the requests answered. During the scenario of distinct
 * products it records the service with Java Flight Recorder and sorts the CPU samples by the
 * library their code belongs to. The HTTP load comes from wrk when it is installed
 * ({@code benchmarks/run} installs it where it can), from Java clients in this JVM otherwise;
 * each result names its client.
 *
 * <p>Arguments: the output JSON file, the seconds per measurement, the class path the service runs
 * on. PostgreSQL's URL comes from the system property {@code allocation.postgres.url}.
 */
public final class BeyondTheFloor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Duration period;
    private final String url;
    private final String classPath;
    private final Path workDirectory;
    private final List<Map<String, Object>> results = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Whether the HTTP load comes from wrk rather than from Java clients in this JVM. */
    private final boolean wrk = Wrk.installed();
    private Floor floor;

    /** Sends a load of requests from so many clients for a while. */
    @FunctionalInterface
    private interface Client {
        Wrk.Outcome run(int clients, Duration period) throws Exception;
    }

    private BeyondTheFloor(Duration period, String url, String classPath, Path workDirectory) {
        this.period = period;
        this.url = url;
        this.classPath = classPath;
        this.workDirectory = workDirectory;
    }

    /**
     * Runs every scenario.
     *
     * @param args output file, seconds per measurement, the service's class path
     * @throws Exception when a scenario cannot run
     */
    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        String url = System.getProperty("allocation.postgres.url");
        if (url == null || url.isBlank()) {
            System.out.println("Beyond the floor: skipped, allocation.postgres.url is not set");
            JSON.writeValue(output.toFile(), List.of());
            return;
        }
        String schema = "beyond_" + UUID.randomUUID().toString().substring(0, 8);
        BeyondTheFloor harness = new BeyondTheFloor(Duration.ofSeconds(Long.parseLong(args[1])),
                BenchmarkDatabase.ownSchema(url, schema), args[2], output.toAbsolutePath().getParent());
        try {
            harness.runAll();
        } finally {
            BenchmarkDatabase.dropSchema(url, schema);
        }
        JSON.writeValue(output.toFile(), harness.results);
        System.out.println("Wrote " + harness.results.size() + " results to " + output);
    }

    private void runAll() throws Exception {
        try (Service grouped = Service.start(classPath, url, workDirectory.resolve("service-grouped.log"))) {
            floor = Floor.open(url, "FLOOR-" + run);
            try {
                warmUp(grouped);
                String one = "ONE-" + run;
                grouped.addBatch(one + "-batch", one, 1_000_000_000, null);
                for (int clients : new int[] {1, 4, 16}) {
                    http(grouped, "allocate, one product", clients, true, Map.of("clients", clients), allocating(one));
                }
                addBatchOverHttp(grouped, "fresh database");
                String[] products = new String[64];
                for (int index = 0; index < products.length; index++) {
                    products[index] = "MANY-" + run + "-" + index;
                    grouped.addBatch(products[index] + "-batch", products[index], 1_000_000_000, null);
                }
                Wrk.Posted distinctProducts = allocating(products);
                http(grouped, "allocate, 64 products", 16, true, Map.of("clients", 16), distinctProducts);
                Map<String, Object> distinct = results.get(results.size() - 1);
                for (int batches : new int[] {1, 10, 100, 1_000}) {
                    String sku = "BATCHES-" + batches + "-" + run;
                    grouped.addBatch(sku + "-warehouse", sku, 1_000_000_000, null);
                    for (int index = 1; index < batches; index++) {
                        grouped.addBatch(sku + "-" + index, sku, 10, LocalDate.of(2030, 1, 1).plusDays(index % 300));
                    }
                    http(grouped, "allocate, product of many batches", 1, true, Map.of("batches", batches), allocating(sku));
                }
                for (int held : new int[] {0, 1_000, 10_000, 50_000}) {
                    String sku = "HELD-" + held + "-" + run;
                    Load.seed(url, sku, held);
                    http(grouped, "allocate, product holding many lines", 1, true, Map.of("held", held), allocating(sku));
                }
                addBatchOverHttp(grouped, "after the preloads");
                distinct.put("profile", profile(grouped, distinctProducts));
            } finally {
                floor.close();
            }
        }
        try (Service ungrouped = Service.start(classPath, url, workDirectory.resolve("service-ungrouped.log"),
                "--allocation.group-allocations=false")) {
            floor = Floor.open(url, "FLOOR-UNGROUPED-" + run);
            try {
                warmUp(ungrouped);
                String one = "UNGROUPED-" + run;
                ungrouped.addBatch(one + "-batch", one, 1_000_000_000, null);
                for (int clients : new int[] {1, 4, 16}) {
                    http(ungrouped, "allocate, one product", clients, false, Map.of("clients", clients), allocating(one));
                }
            } finally {
                floor.close();
            }
        }
        throughTheBus();
    }

    /**
     * Runs the service's paths (allocations on one product and on several, batches added) until
     * its JIT compilers have little left to do.
     */
    private void warmUp(Service service) throws Exception {
        String prefix = "WARM-" + run + "-" + service.process().pid();
        for (int index = 0; index < 8; index++) {
            service.addBatch(prefix + "-batch-" + index, prefix + "-" + index, 1_000_000_000, null);
        }
        AtomicLong next = new AtomicLong();
        warmUp(service.process(), thread -> () -> {
            long order = next.incrementAndGet();
            return order % 10 == 0
                    ? service.addBatch(prefix + "-more-" + order, prefix + "-" + (order % 8), 10, LocalDate.of(2031, 1, 1))
                    : service.allocate(prefix + "-order-" + order, prefix + "-" + (thread % 2 == 0 ? 0 : order % 8));
        });
    }

    /**
     * Runs four clients until the process's JIT compilers are busy less than a tenth of three
     * seconds in a row, after at least two periods and at most forty (five minutes at most; a
     * quick run's 40 seconds leave the compilers at work). On two cores the C2 compiler works for
     * minutes after a Spring application starts, and its CPU would otherwise be counted against
     * the first scenarios, and slow them.
     */
    private void warmUp(ProcessHandle process, IntFunction<Load.Operation> operations) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Duration longestWarmUp = period.multipliedBy(40).compareTo(Duration.ofMinutes(5)) < 0
                    ? period.multipliedBy(40) : Duration.ofMinutes(5);
            long started = System.nanoTime();
            Duration compiling = Cpu.ofCompilers(process);
            int quietSeconds = 0;
            while ((quietSeconds < 3 || System.nanoTime() - started < period.multipliedBy(2).toNanos())
                    && System.nanoTime() - started < longestWarmUp.toNanos()) {
                Load.run(pool, 4, operations, Duration.ofSeconds(1));
                Duration now = Cpu.ofCompilers(process);
                quietSeconds = now.minus(compiling).compareTo(Duration.ofMillis(100)) < 0 ? quietSeconds + 1 : 0;
                compiling = now;
            }
            System.out.printf("Warmed up in %.0f s: the JIT compilers used %.0f s of CPU%n", (System.nanoTime() - started) / 1e9,
                    compiling.toMillis() / 1e3);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Records the service with Java Flight Recorder while 16 clients run the operation for a
     * period, last of all: starting and stopping a recording throws away compiled code, and the
     * scenarios after it would pay for its compilation again.
     */
    private Map<String, Object> profile(Service service, Wrk.Posted posted) throws Exception {
        Path recording = workDirectory.resolve("distinct-products.jfr");
        service.startRecording();
        client(service, posted).run(16, period);
        service.stopRecording(recording);
        return CpuProfile.of(recording);
    }

    /** Batches for 50 products in turn, as a shop adding stock does. */
    private void addBatchOverHttp(Service service, String when) throws Exception {
        String prefix = "STOCK-" + when.replace(' ', '-') + "-" + run;
        List<String> skus = new ArrayList<>();
        for (int index = 0; index < 50; index++) {
            skus.add(prefix + "-" + index);
        }
        http(service, "add_batch, " + when, 1, true, Map.of(), new Wrk.Posted("/add_batch",
                "{\"ref\": \"{n}\", \"sku\": \"{sku}\", \"qty\": 10, \"eta\": \"2031-01-01\"}", skus));
    }

    /** New order lines of one unit, for the products in turn. */
    private static Wrk.Posted allocating(String... skus) {
        return new Wrk.Posted("/allocate", "{\"orderid\": \"{n}\", \"sku\": \"{sku}\", \"qty\": 1}", List.of(skus));
    }

    /** wrk when it is installed, or Java clients in this JVM, posting to the service. */
    private Client client(Service service, Wrk.Posted posted) {
        if (wrk) {
            return (clients, duration) -> Wrk.run(service.base, posted, clients, duration);
        }
        AtomicLong next = new AtomicLong();
        return inThisJvm(thread -> () -> {
            long n = next.incrementAndGet();
            return service.post(posted.path(), posted.body("n-" + run + "-" + n,
                    posted.skus().get((int) (n % posted.skus().size())))) / 100 == 2;
        });
    }

    /** Threads of this JVM, one per client, repeating the operation. */
    private static Client inThisJvm(IntFunction<Load.Operation> operations) {
        return (clients, duration) -> {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                return Wrk.Outcome.of(Load.run(pool, clients, operations, duration));
            } finally {
                pool.shutdownNow();
            }
        };
    }

    /**
     * The same allocations through the bus in this JVM: no HTTP, no JSON, the library and the
     * database alone. A bus that groups allocations and one that does not run side by side on one
     * database, are warmed up together and are measured one after the other at each number of
     * clients, so that the two figures of a pair share the JIT's state and the database's minute.
     */
    private void throughTheBus() throws Exception {
        try (JpaDatabase database = JpaDatabase.builder(url).maximumPoolSize(16).build()) {
            Map<Boolean, MessageBus> buses = new LinkedHashMap<>();
            for (boolean grouped : new boolean[] {true, false}) {
                MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage().groupAllocations(grouped).build();
                bus.dispatcher().start();
                buses.put(grouped, bus);
            }
            floor = Floor.open(url, "FLOOR-BUS-" + run);
            try {
                String prefix = "WARM-BUS-" + run;
                buses.forEach((grouped, bus) -> {
                    for (int index = 0; index < 8; index++) {
                        String sku = prefix + "-" + grouped + "-" + index;
                        bus.handle(CreateBatch.inWarehouse(sku + "-batch", sku, 1_000_000_000));
                    }
                    String one = "BUS-" + grouped + "-" + run;
                    bus.handle(CreateBatch.inWarehouse(one + "-batch", one, 1_000_000_000));
                });
                AtomicLong warming = new AtomicLong();
                warmUp(ProcessHandle.current(), thread -> () -> {
                    long order = warming.incrementAndGet();
                    boolean grouped = thread % 2 == 0;
                    String sku = prefix + "-" + grouped + "-" + (order % 2 == 0 ? 0 : order % 8);
                    return buses.get(grouped).handle(new Allocate(prefix + "-order-" + order, sku, 1)).isPresent();
                });
                for (int clients : new int[] {1, 4, 16}) {
                    for (Map.Entry<Boolean, MessageBus> bus : buses.entrySet()) {
                        String one = "BUS-" + bus.getKey() + "-" + run;
                        AtomicLong next = new AtomicLong();
                        measure("bus", "allocate, one product", clients, bus.getKey(), Map.of("clients", clients),
                                ProcessHandle.current(), "java", inThisJvm(thread -> () -> bus.getValue()
                                        .handle(new Allocate(one + "-" + clients + "-" + next.incrementAndGet(), one, 1))
                                        .isPresent()));
                    }
                }
            } finally {
                floor.close();
                buses.values().forEach(bus -> bus.dispatcher().close());
            }
        }
    }

    private void http(Service service, String scenario, int clients, boolean grouped, Map<String, Object> parameters,
                      Wrk.Posted posted) throws Exception {
        measure("http", scenario, clients, grouped, parameters, service.process(), wrk ? "wrk" : "java",
                client(service, posted));
    }

    /**
     * Measures the floor for half the period, then warms the scenario up for half the period and
     * measures it for the period, with the CPU time of the service and of the database.
     */
    private void measure(String through, String scenario, int clients, boolean grouped, Map<String, Object> parameters,
                         ProcessHandle service, String clientName, Client client) throws Exception {
        System.out.println("Measuring " + through + ": " + scenario + " " + parameters + ", " + clients + " clients ("
                + clientName + "), " + (grouped ? "grouped" : "not grouped"));
        double floorPerSecond = floor.perSecond(period.dividedBy(2));
        client.run(clients, period.dividedBy(2));
        Duration serviceBefore = Cpu.of(service);
        Duration databaseBefore = Cpu.ofDatabase();
        Wrk.Outcome measured = client.run(clients, period);
        Duration serviceCpu = Cpu.of(service).minus(serviceBefore);
        Duration databaseCpu = Cpu.ofDatabase().minus(databaseBefore);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("through", through);
        result.put("client", clientName);
        result.put("scenario", scenario);
        result.put("clients", clients);
        result.put("grouped", grouped);
        result.putAll(parameters);
        result.put("operationsPerSecond", measured.perSecond());
        result.put("floorPerSecond", floorPerSecond);
        result.put("toFloor", measured.perSecond() / floorPerSecond);
        result.put("failures", measured.failures());
        result.put("serviceCpuMillisPerRequest", serviceCpu.toNanos() / 1e6 / Math.max(1, measured.successes()));
        result.put("databaseCpuMillisPerRequest", databaseCpu.toNanos() / 1e6 / Math.max(1, measured.successes()));
        result.putAll(measured.latencies());
        results.add(result);
        System.out.printf("  %.0f per second, floor %.0f (%.2f×), %d failures, CPU %.3f ms service + %.3f ms database%n",
                measured.perSecond(), floorPerSecond, measured.perSecond() / floorPerSecond, measured.failures(),
                result.get("serviceCpuMillisPerRequest"), result.get("databaseCpuMillisPerRequest"));
    }

    /** The floor ({@link JpaAllocateBenchmark#allocateAtTheFloor}) on one connection of its own, with a synchronous commit. */
    static final class Floor implements AutoCloseable {

        private final Connection connection;
        private final String sku;
        private long order;

        private Floor(Connection connection, String sku) {
            this.connection = connection;
            this.sku = sku;
        }

        static Floor open(String url, String sku) throws SQLException {
            Connection connection = DriverManager.getConnection(url);
            try (PreparedStatement product = connection.prepareStatement("insert into products (sku, version) values (?, 1)");
                 PreparedStatement batch = connection.prepareStatement("insert into batches (reference, sku, purchased_quantity,"
                         + " allocated_quantity, eta, addition_order) values (?, ?, 1000000000, 0, null, 0)")) {
                product.setString(1, sku);
                product.executeUpdate();
                batch.setString(1, sku + "-batch");
                batch.setString(2, sku);
                batch.executeUpdate();
            }
            connection.setAutoCommit(false);
            return new Floor(connection, sku);
        }

        double perSecond(Duration duration) throws SQLException {
            long end = System.nanoTime() + duration.toNanos();
            long start = System.nanoTime();
            long done = 0;
            while (System.nanoTime() < end) {
                allocate();
                done++;
            }
            return done / ((System.nanoTime() - start) / 1e9);
        }

        private void allocate() throws SQLException {
            JpaAllocateBenchmark.allocateAtTheFloor(connection, sku, sku + "-" + order++);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** CPU time spent by processes, read from {@code /proc}: user and system time, in clock ticks of 10 ms. */
    static final class Cpu {

        private static final Duration TICK = Duration.ofMillis(10);

        private Cpu() {}

        static Duration of(ProcessHandle process) {
            return ticks(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        }

        /** Every process named {@code postgres}: the server's backends and its background workers. */
        static Duration ofDatabase() throws IOException {
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                return processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                        .filter(Cpu::isPostgres)
                        .map(path -> ticks(path.resolve("stat")))
                        .reduce(Duration.ZERO, Duration::plus);
            }
        }

        /** The threads of a JVM that compile: {@code C1 CompilerThread0}, {@code C2 CompilerThread0}, ... */
        static Duration ofCompilers(ProcessHandle process) throws IOException {
            try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
                return threads.filter(thread -> {
                    try {
                        return Files.readString(thread.resolve("comm")).contains("CompilerThre");
                    } catch (IOException gone) {
                        return false;
                    }
                }).map(thread -> ticks(thread.resolve("stat"))).reduce(Duration.ZERO, Duration::plus);
            }
        }

        private static boolean isPostgres(Path process) {
            try {
                return Files.readString(process.resolve("comm")).strip().startsWith("postgres");
            } catch (IOException gone) {
                return false;
            }
        }

        private static Duration ticks(Path stat) {
            try {
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return TICK.multipliedBy(ticks);
            } catch (IOException | RuntimeException gone) {
                return Duration.ZERO;
            }
        }
    }

    /** The example service in a JVM of its own, on a free port, writing its log to a file. */
    static final class Service implements AutoCloseable {

        private final Process process;
        private final String base;

        private Service(Process process, int port) {
            this.process = process;
            this.base = "http://127.0.0.1:" + port;
        }

        static Service start(String classPath, String url, Path log, String... arguments) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms1g", "-Xmx1g", "-cp", classPath,
                    "io.github.cosmicarch.allocation.examples.application.AllocationApplication"));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().put("ALLOCATION_DB_URL", url);
            builder.environment().remove("REDIS_HOST");
            builder.environment().remove("EMAIL_HOST");
            Service service = new Service(builder.start(), port);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!Files.readString(log).contains("Allocation service listening")) {
                if (!service.process.isAlive() || System.nanoTime() > deadline) {
                    service.close();
                    throw new IllegalStateException("The service did not start; see " + log);
                }
                Thread.sleep(100);
            }
            return service;
        }

        ProcessHandle process() {
            return process.toHandle();
        }

        int post(String path, String body) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        boolean allocate(String orderId, String sku) throws IOException, InterruptedException {
            return post("/allocate", "{\"orderid\": \"" + orderId + "\", \"sku\": \"" + sku + "\", \"qty\": 1}") == 202;
        }

        boolean addBatch(String reference, String sku, int quantity, LocalDate eta) throws IOException, InterruptedException {
            return post("/add_batch", "{\"ref\": \"" + reference + "\", \"sku\": \"" + sku + "\", \"qty\": " + quantity
                    + ", \"eta\": " + (eta == null ? "null" : "\"" + eta + "\"") + "}") / 100 == 2;
        }


        void startRecording() throws IOException, InterruptedException {
            jcmd("JFR.start", "name=profile", "settings=profile");
        }

        void stopRecording(Path file) throws IOException, InterruptedException {
            jcmd("JFR.stop", "name=profile", "filename=" + file.toAbsolutePath());
        }

        private void jcmd(String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(process.pid())));
            command.addAll(List.of(arguments));
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed: " + output);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
