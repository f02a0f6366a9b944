package io.github.cosmicarch.allocation.examples.application;

import static io.github.cosmicarch.allocation.examples.application.TestSettings.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.examples.application.HttpClientForTests.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What clients that are slow, large or hostile get from the service, and what they cannot do to
 * the others: each point a client of the JDK's built-in server used to break.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpHardeningTest {

    private static final AllocationApplication APPLICATION = AllocationApplication.start(TestSettings.onFreshH2());
    private static final HttpClientForTests HTTP = new HttpClientForTests(APPLICATION.port());

    @AfterAll
    static void stop() {
        APPLICATION.close();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", APPLICATION.port());
        socket.setSoTimeout(30_000);
        return socket;
    }

    @Test
    void slowClientsAreDroppedAndWhileTheyHangOnEveryOtherClientIsAnswered() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int index = 0; index < 64; index++) {
                Socket headersTrickling = connect();
                headersTrickling.getOutputStream().write('P');
                slow.add(headersTrickling);
                Socket bodyTrickling = connect();
                bodyTrickling.getOutputStream().write(("POST /allocate HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(bodyTrickling);
            }
            String sku = unique("sku");
            String order = unique("order");

            assertThat(HTTP.addBatch(unique("batch"), sku, 10, null).status()).isEqualTo(201);
            assertThat(HTTP.allocate(order, sku, 3).status()).isEqualTo(202);
            assertThat(HTTP.get("/allocations/" + order).status()).isEqualTo(200);

            for (Socket socket : slow) {
                InputStream answer = socket.getInputStream();
                answer.readAllBytes(); // the server closes the connection; a SocketTimeoutException fails the test
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aClientThatWritesALargeBodyBeforeReadingReceivesThe413() throws Exception {
        int size = 8 * 1024 * 1024;
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /allocate HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: " + size
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk);
            }
            out.flush();

            String answer = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("{\"message\":\"Request body larger than 16384 bytes\"}");
        }
    }

    @Test
    void contentAfterTheJsonObjectIsRefusedAndNothingIsAllocated() {
        String sku = unique("sku");
        HTTP.addBatch(unique("batch"), sku, 10, null);
        String order = unique("order");
        String valid = "{\"orderid\": \"" + order + "\", \"sku\": \"" + sku + "\", \"qty\": 2}";

        for (String trailing : List.of(" trailing", " {}", "]", " \"more\"", ",")) {
            Answer answer = HTTP.post("/allocate", valid + trailing);

            assertThat(answer.status()).as(trailing).isEqualTo(400);
            assertThat(answer.body()).as(trailing).contains("Malformed JSON");
        }
        assertThat(HTTP.get("/allocations/" + order).status()).isEqualTo(404);
    }

    @Test
    void aLineBreakInAPathOrInALoggedMessageCannotForgeALogLine(CapturedOutput output) throws InterruptedException {
        assertThat(HTTP.get("/allocations/x%0D%0AFORGED-BY-PATH%20INFO%20allocation.http%20-%20ok").status()).isEqualTo(404);
        LoggerFactory.getLogger("allocation.redis").warn("Skipped a message that is not JSON: {}",
                "x\nFORGED-BY-MESSAGE ERROR allocation - the stock is gone");
        // The request is logged once its answer is sent: the client may see the answer first.
        for (int attempt = 0; attempt < 100 && !output.getAll().contains("FORGED-BY-PATH"); attempt++) {
            Thread.sleep(50);
        }

        assertThat(output.getAll()).contains("FORGED-BY-PATH").contains("FORGED-BY-MESSAGE");
        assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith("FORGED"));
    }

    /** A line per request answered costs every request a console write: only refusals and failures are logged. */
    @Test
    void answeredRequestsAreNotLoggedButRefusalsAre(CapturedOutput output) throws InterruptedException {
        String sku = unique("sku");
        HTTP.addBatch(unique("batch"), sku, 10, null);
        HTTP.allocate(unique("order"), sku, 1);
        assertThat(HTTP.get("/allocations/" + unique("unknown")).status()).isEqualTo(404);
        for (int attempt = 0; attempt < 100 && !output.getAll().contains("GET /allocations/"); attempt++) {
            Thread.sleep(50);
        }

        assertThat(output.getAll()).contains("GET /allocations/").doesNotContain("POST /allocate 202")
                .doesNotContain("POST /add_batch 201");
    }

    @Test
    void healthAndMetricsAreServed() {
        String sku = unique("sku");
        HTTP.addBatch(unique("batch"), sku, 10, null);
        HTTP.allocate(unique("order"), sku, 1);

        Answer health = HTTP.get("/actuator/health");
        Answer commands = HTTP.get("/actuator/metrics/allocation.commands");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("allocationDispatcher");
        assertThat(commands.status()).isEqualTo(200);
        assertThat(commands.body()).contains("\"name\":\"allocation.commands\"").contains("Allocate");
    }
}
