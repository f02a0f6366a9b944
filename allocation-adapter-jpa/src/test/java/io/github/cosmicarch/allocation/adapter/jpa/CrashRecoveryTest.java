package io.github.cosmicarch.allocation.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.DispatcherSettings;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service killed ({@code destroyForcibly}, the JVM's {@code kill -9}) in the middle of
 * reallocating thousands of acknowledged lines, then a new one started on the same database: the
 * new one finishes the work from the outbox. Every line ends in a batch, no batch holds more than
 * it has, and every allocation is published at least once. Killed in the middle of a burst of
 * publications to a slow broker, the new one publishes what the old one had not. Killed while
 * eight threads allocate on one product with grouping on, no line it answered is lost and none
 * is held twice.
 */
class CrashRecoveryTest {

    private static final int LINES = 3000;

    @TempDir
    Path directory;

    @Test
    void onH2AFileDatabaseRecoversEveryLineAndEveryPublication() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("allocation") + ";AUTO_SERVER=TRUE";
        killInTheMiddleOfTheCascadeThenRecover(url);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void onPostgresqlEveryLineAndEveryPublicationIsRecovered() throws Exception {
        killInTheMiddleOfTheCascadeThenRecover(TestDatabases.postgresUrl().orElseThrow());
    }

    @Test
    void onH2AKillInTheMiddleOfAPublishBurstLosesNoPublication() throws Exception {
        killInTheMiddleOfAPublishBurstThenRecover("jdbc:h2:file:" + directory.resolve("allocation") + ";AUTO_SERVER=TRUE");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void onPostgresqlAKillInTheMiddleOfAPublishBurstLosesNoPublication() throws Exception {
        killInTheMiddleOfAPublishBurstThenRecover(TestDatabases.postgresUrl().orElseThrow());
    }

    @Test
    void onH2AKillInTheMiddleOfGroupedAllocationsLosesNoAcknowledgedLine() throws Exception {
        killInTheMiddleOfGroupedAllocationsThenRecover("jdbc:h2:file:" + directory.resolve("allocation") + ";AUTO_SERVER=TRUE");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void onPostgresqlAKillInTheMiddleOfGroupedAllocationsLosesNoAcknowledgedLine() throws Exception {
        killInTheMiddleOfGroupedAllocationsThenRecover(TestDatabases.postgresUrl().orElseThrow());
    }

    /**
     * Eight threads of the child allocate on one product with grouping on, twice what its batch
     * holds; it is killed once groups formed and the batch ran out, some lines answered out of
     * stock. Every line
     * answered with a batch is in that batch, none is there twice, the batch holds no more than
     * it has, and a new service publishes every allocation.
     */
    private void killInTheMiddleOfGroupedAllocationsThenRecover(String url) throws Exception {
        String sku = "GROUPED-" + UUID.randomUUID().toString().substring(0, 8);
        Path published = directory.resolve("published-" + sku);
        Process child = startChild(url, sku, published, "grouped");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger largestGroup = new AtomicInteger();
        Thread reader = readAnswers(child, acknowledged, largestGroup);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((acknowledged.size() < LINES + LINES / 10 || largestGroup.get() < 2) && System.nanoTime() < deadline) {
                assertThat(child.isAlive()).as("the child runs until it is killed").isTrue();
                Thread.sleep(2);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            child.destroyForcibly();
        }
        assertThat(largestGroup.get()).as("allocations were grouped before the kill").isGreaterThan(1);
        assertThat(acknowledged.size()).as("the child was killed in the middle of allocating")
                .isBetween(LINES + LINES / 10, 2 * LINES - 1);
        assertThat(acknowledged).as("the batch ran out before the kill").containsValue("none");

        try (JpaDatabase database = JpaDatabase.connect(url.replace(";AUTO_SERVER=TRUE", ""))) {
            recover(database, published, sku);
            List<String> held = queryStrings(database, "select order_id from allocations where sku = ? and batch_reference = ?",
                    sku, sku + "-full");
            Set<String> answeredWithTheBatch = acknowledged.entrySet().stream()
                    .filter(answer -> answer.getValue().equals(sku + "-full")).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(held).as("no line twice, no more than the batch has").doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(LINES);
            assertThat(held).as("every line answered with the batch is held by it").containsAll(answeredWithTheBatch);
            assertThat(acknowledged).as("no line answered out of stock is held")
                    .allSatisfy((order, batch) -> assertThat(batch.equals("none") && held.contains(order)).isFalse());
            assertThat(queryStrings(database, "select cast(allocated_quantity as varchar(20)) from batches where reference = ?",
                    sku + "-full")).containsExactly(String.valueOf(held.size()));
            assertThat(publishedOrders(published)).as("every allocation published at least once").containsAll(held);
        }
    }

    /** Collects the child's answers and the size of its largest group until its output ends. */
    private static Thread readAnswers(Process child, Map<String, String> acknowledged, AtomicInteger largestGroup) {
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    String[] words = line.split(" ");
                    if (words[0].equals("ACK") && words.length == 3) {
                        acknowledged.put(words[1], words[2]);
                    } else if (words[0].equals("GROUP")) {
                        largestGroup.accumulateAndGet(Integer.parseInt(words[1]), Math::max);
                    }
                }
            } catch (IOException closed) {
                // the child is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private void killInTheMiddleOfAPublishBurstThenRecover(String url) throws Exception {
        String sku = "BURST-" + UUID.randomUUID().toString().substring(0, 8);
        Path published = directory.resolve("published-" + sku);
        Process child = startChild(url, sku, published, "burst");
        long publishedAtKill;
        try {
            awaitLine(child, "ALLOCATED");
            publishedAtKill = awaitPublications(published, LINES / 10);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(publishedAtKill).as("the child was killed in the middle of publishing").isLessThan(LINES);

        try (JpaDatabase database = JpaDatabase.connect(url.replace(";AUTO_SERVER=TRUE", ""))) {
            recover(database, published, sku);
            assertThat(queryStrings(database, "select order_id from allocations where sku = ?", sku))
                    .as("every acknowledged allocation survived the kill").hasSize(LINES);
        }
        assertThat(publishedOrders(published)).as("every allocation published at least once").containsAll(everyOrder(sku));
    }

    private void killInTheMiddleOfTheCascadeThenRecover(String url) throws Exception {
        String sku = "CRASH-" + UUID.randomUUID().toString().substring(0, 8);
        Path published = directory.resolve("published-" + sku);
        Process child = startChild(url, sku, published, "cascade");
        int reallocatedAtKill;
        try {
            awaitLine(child, "SHRINKING");
            reallocatedAtKill = awaitReallocated(url, sku, LINES / 10);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(reallocatedAtKill).as("the child was killed in the middle of the cascade").isLessThan(LINES);

        try (JpaDatabase database = JpaDatabase.connect(url.replace(";AUTO_SERVER=TRUE", ""))) {
            recover(database, published, sku);

            List<String> held = queryStrings(database, "select order_id from allocations where sku = ? and batch_reference = ?",
                    sku, sku + "-spare");
            assertThat(held).as("every acknowledged line is held by the spare batch").hasSize(LINES)
                    .doesNotHaveDuplicates();
            assertThat(queryStrings(database, "select order_id from allocations where sku = ? and batch_reference = ?",
                    sku, sku + "-full")).isEmpty();
            assertThat(queryStrings(database, "select order_id from allocations_view where sku = ? and batch_reference = ?",
                    sku, sku + "-spare")).hasSize(LINES);
        }
        assertThat(publishedOrders(published)).as("every allocation published at least once").containsAll(everyOrder(sku));
    }

    private static Set<String> publishedOrders(Path published) throws IOException {
        return Files.readAllLines(published).stream().map(line -> line.split(" ")[0]).collect(Collectors.toSet());
    }

    private static Set<String> everyOrder(String sku) {
        Set<String> every = new HashSet<>();
        for (int line = 0; line < LINES; line++) {
            every.add(sku + "-order-" + line);
        }
        return every;
    }

    /** Waits until the file holds at least {@code atLeast} publications; answers how many. */
    private static long awaitPublications(Path published, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long count = Files.exists(published) ? Files.readAllLines(published).size() : 0;
            if (count >= atLeast) {
                return count;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("The publish burst did not start within two minutes");
    }

    private static Process startChild(String url, String sku, Path published, String mode) throws IOException {
        String classPath = String.join(File.pathSeparator, List.of(System.getProperty("java.class.path", ""),
                System.getProperty("jdk.module.path", "")).stream().filter(part -> !part.isEmpty()).toList());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", classPath, CascadeChild.class.getName(), url, sku,
                String.valueOf(LINES), published.toString(), mode)
                .redirectErrorStream(true)
                .start();
    }

    private static void awaitLine(Process child, String expected) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(expected)) {
                Thread drain = new Thread(() -> {
                    try {
                        while (output.readLine() != null) {
                            // keep the child's output flowing
                        }
                    } catch (IOException closed) {
                        // the child is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.add(line);
        }
        throw new AssertionError("The child ended before " + expected + ":\n" + String.join("\n", seen));
    }

    /** Waits until at least {@code atLeast} lines sit in the spare batch; answers how many. */
    private static int awaitReallocated(String url, String sku, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from allocations where batch_reference = ?")) {
            count.setString(1, sku + "-spare");
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    int reallocated = rows.getInt(1);
                    if (reallocated >= atLeast) {
                        return reallocated;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("The cascade did not start within two minutes");
    }

    /** Runs a new service's dispatcher on the database until no event of the product is left. */
    private static void recover(JpaDatabase database, Path published, String sku) throws InterruptedException {
        MessageBus bus = Bootstrap.builder().unitsOfWork(database).readModelKeptByStorage()
                .publisher(CascadeChild.publishingTo(published))
                .messageBus()
                .dispatcherSettings(DispatcherSettings.defaults().withGracePeriod(Duration.ZERO)
                        .withPollInterval(Duration.ofMillis(20)))
                .build();
        bus.dispatcher().start();
        try {
            awaitEmptyOutbox(database, sku, Duration.ofSeconds(120));
        } finally {
            bus.dispatcher().close();
        }
    }

    /** Waits until no event of the product is left: each was finished, none parked (others' may share the database). */
    private static void awaitEmptyOutbox(JpaDatabase database, String sku, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (queryStrings(database, "select sku from outbox_events where sku = ?", sku).isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The outbox still holds events after " + patience);
    }

    private static List<String> queryStrings(JpaDatabase database, String sql, String... parameters) {
        var em = database.entityManagerFactory().createEntityManager();
        try {
            var query = em.createNativeQuery(sql);
            for (int index = 0; index < parameters.length; index++) {
                query.setParameter(index + 1, parameters[index]);
            }
            List<String> values = new ArrayList<>();
            for (Object value : query.getResultList()) {
                values.add((String) value);
            }
            return values;
        } finally {
            em.close();
        }
    }

}
