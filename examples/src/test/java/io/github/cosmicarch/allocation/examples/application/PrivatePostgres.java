package io.github.cosmicarch.allocation.examples.application;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port, which the test
 * may stop, start again, freeze (SIGSTOP to every process of the server) and thaw. As root, the
 * server runs as the user {@code postgres}, as PostgreSQL requires.
 */
final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path directory;
    private final int port;

    private PrivatePostgres(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** The directory of PostgreSQL's programs, when it is installed as Debian installs it. */
    static Optional<Path> installation() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .findFirst();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
    }

    static PrivatePostgres start(Path bin) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path directory = Files.createTempDirectory("allocation-postgres");
        PrivatePostgres postgres = new PrivatePostgres(bin, directory, port);
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", directory.toString()));
        }
        postgres.runAsServer("initdb", "-D", postgres.data(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
        postgres.startAgain();
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    void startAgain() throws IOException, InterruptedException {
        runAsServer("pg_ctl", "-D", data(), "-l", directory.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    void stop() throws IOException, InterruptedException {
        runAsServer("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
    }

    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    @Override
    public void close() throws IOException {
        try {
            thaw();
            stop();
            run(List.of("rm", "-rf", directory.toString()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Path pidFile = directory.resolve("data").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        // The postmaster alone first: once stopped it starts no backend that the list below would
        // miss, and a backend left running would serve its connection through the whole freeze.
        kill(signal, List.of(postmaster));
        List<Long> children = ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid).toList();
        if (!children.isEmpty()) {
            kill(signal, children);
        }
    }

    /** The first column of a query's rows, read on a connection of its own. */
    static List<String> column(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void kill(String signal, List<Long> processes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        processes.forEach(process -> command.add(String.valueOf(process)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        kill.waitFor(60, TimeUnit.SECONDS);
        // A backend may end between being listed and being signalled: kill then fails for it alone.
        boolean onlyEndedProcesses = output.lines().allMatch(line -> line.contains("No such process"));
        if (kill.exitValue() != 0 && !onlyEndedProcesses) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private void runAsServer(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
