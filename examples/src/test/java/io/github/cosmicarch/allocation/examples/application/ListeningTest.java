package io.github.cosmicarch.allocation.examples.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Where the service listens, what its log says about it, and how it stops listening. */
@ExtendWith(OutputCaptureExtension.class)
class ListeningTest {

    @Test
    void byDefaultItListensOnEveryInterfaceAndSaysSo(CapturedOutput output) throws IOException {
        try (AllocationApplication application = AllocationApplication.start(TestSettings.onFreshH2());
             Socket loopback = new Socket("127.0.0.1", application.port());
             Socket otherAddress = new Socket("127.0.0.2", application.port())) {

            assertThat(loopback.isConnected()).isTrue();
            assertThat(otherAddress.isConnected()).isTrue();
            assertThat(output.getAll()).contains("Allocation service listening on port " + application.port()
                    + " of every interface");
        }
    }

    @Test
    void boundToOneAddressItListensThereOnlyAndSaysSo(CapturedOutput output) throws IOException {
        try (AllocationApplication application = AllocationApplication.of(AllocationApplication.application(TestSettings.onFreshH2())
                .run("--server.address=127.0.0.1"));
             Socket loopback = new Socket("127.0.0.1", application.port())) {

            assertThat(loopback.isConnected()).isTrue();
            assertThat(output.getAll()).contains("Allocation service listening on http://127.0.0.1:" + application.port() + ";");
            assertThatExceptionOfType(ConnectException.class)
                    .isThrownBy(() -> new Socket("127.0.0.2", application.port()).close());
        }
    }

    @Test
    void stoppingAnswersTheRequestInFlightAndStopsTheDispatcher(CapturedOutput output) throws Exception {
        AllocationApplication application = AllocationApplication.start(TestSettings.onFreshH2());
        String batch = "{\"ref\": \"b-" + UUID.randomUUID() + "\", \"sku\": \"LAMP\", \"qty\": 5}";
        try (Socket socket = new Socket("127.0.0.1", application.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /add_batch HTTP/1.1\r\nHost: test\r\nContent-Length: " + batch.length() + "\r\n\r\n"
                    + batch.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500); // the request is in the service, waiting for the rest of its body

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(application::close);
            Thread.sleep(500);
            out.write(batch.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            stopping.get();

            assertThat(answer).isEqualTo("HTTP/1.1 201");
        }
        assertThat(output.getAll()).contains("Graceful shutdown complete").doesNotContain("ERROR");
    }
}
