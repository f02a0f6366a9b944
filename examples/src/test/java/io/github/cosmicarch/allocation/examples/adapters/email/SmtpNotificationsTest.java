package io.github.cosmicarch.allocation.examples.adapters.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Out-of-stock notifications reach an SMTP server: here a minimal one that records a session. */
class SmtpNotificationsTest {

    @Test
    void sendsThePlainTextNotificationToTheAddress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> session = CompletableFuture.supplyAsync(() -> recordOneSession(server));

            new SmtpNotifications("127.0.0.1", server.getLocalPort()).send("stock@made.com", "Out of stock for RARE-VASE");

            List<String> lines = session.get(10, TimeUnit.SECONDS);
            assertThat(lines).contains("RCPT TO:<stock@made.com>", "Out of stock for RARE-VASE");
            assertThat(lines).anyMatch(line -> line.startsWith("MAIL FROM:<" + SmtpNotifications.FROM + ">"));
        }
    }

    /** Speaks just enough SMTP to accept one message, and returns every line the client sent. */
    private static List<String> recordOneSession(ServerSocket server) {
        List<String> received = new ArrayList<>();
        try (Socket client = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            out.print("220 fake SMTP\r\n");
            out.flush();
            boolean inData = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
                if (inData) {
                    if (line.equals(".")) {
                        inData = false;
                        out.print("250 queued\r\n");
                    }
                } else if (line.startsWith("DATA")) {
                    inData = true;
                    out.print("354 go ahead\r\n");
                } else if (line.startsWith("QUIT")) {
                    out.print("221 bye\r\n");
                    out.flush();
                    break;
                } else {
                    out.print("250 ok\r\n");
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return received;
    }
}
