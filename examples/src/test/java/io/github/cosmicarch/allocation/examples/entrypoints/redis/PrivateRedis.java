package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/** A redis-server of the test's own on a free port, which the test may stop, start again, freeze and thaw. */
final class PrivateRedis implements AutoCloseable {

    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    private final int port;
    private Process server;

    private PrivateRedis(int port) {
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(REDIS_SERVER);
    }

    static PrivateRedis start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrivateRedis redis = new PrivateRedis(port);
        redis.startAgain();
        return redis;
    }

    int port() {
        return port;
    }

    void startAgain() throws IOException, InterruptedException {
        server = new ProcessBuilder(REDIS_SERVER.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(new File("/dev/null"))
                .start();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("redis-server did not start on port " + port);
    }

    void stop() throws InterruptedException {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the server's process with SIGSTOP: connections stay open, nothing answers. */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, String.valueOf(server.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        try {
            thaw();
            stop();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }
}
