package io.github.cosmicarch.allocation.adapter.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of a database server that counts round trips: each time a client
 * speaks after the server has answered is one. Every connection through it counts; a test opens
 * one connection at a time to count a unit of work's.
 */
final class RoundTrips implements AutoCloseable {

    private final ServerSocket listening;
    private final String host;
    private final int port;
    private final AtomicInteger count = new AtomicInteger();
    /** Whether the server spoke last, on the connection that spoke last. */
    private volatile boolean serverSpokeLast = true;

    RoundTrips(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "round-trips-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** {@return the port clients connect to instead of the server's} */
    int port() {
        return listening.getLocalPort();
    }

    /** {@return the round trips since the last call, and starts counting again} */
    int take() {
        return count.getAndSet(0);
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(host, port);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                forward(client, server, true);
                forward(server, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (fromClient && serverSpokeLast) {
                        count.incrementAndGet();
                    }
                    serverSpokeLast = !fromClient;
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // the other side closed: so does this one
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "round-trips-" + (fromClient ? "out" : "in"));
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
