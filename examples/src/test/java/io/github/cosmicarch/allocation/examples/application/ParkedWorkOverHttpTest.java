package io.github.cosmicarch.allocation.examples.application;

import static io.github.cosmicarch.allocation.examples.application.TestSettings.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.examples.application.HttpClientForTests.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An operator mends parked work over HTTP through the actuator endpoint {@code allocation}, once the
 * service exposes it; by default it is not there.
 */
class ParkedWorkOverHttpTest {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([0-9a-f-]{36})\"");

    @Test
    void theEndpointListsParkedWorkAndDiscardsItOnceExposed() throws Exception {
        Settings brokerAway = new Settings(0, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                Optional.of(new Settings.Endpoint("127.0.0.1", closedPort())), Optional.empty());
        try (AllocationApplication application = AllocationApplication.of(AllocationApplication.application(brokerAway)
                .run("--management.endpoints.web.exposure.include=health,allocation", // over application.properties
                        "--allocation.dispatcher.retries.max-attempts=1", "--allocation.dispatcher.grace-period=0s",
                        "--allocation.dispatcher.poll-interval=50ms"))) {
            HttpClientForTests http = new HttpClientForTests(application.port());
            String sku = unique("sku");
            assertThat(http.addBatch(unique("batch"), sku, 10, null).status()).isEqualTo(201);
            assertThat(http.allocate(unique("order"), sku, 2).status()).isEqualTo(202);

            Answer parked = eventually(() -> http.get("/actuator/allocation"), answer -> EVENT_ID.matcher(answer.body()).find());
            assertThat(parked.status()).isEqualTo(200);
            assertThat(parked.body()).contains("\"type\":\"Allocated\"", "\"status\":\"PARKED\"", "\"sku\":\"" + sku + "\"");
            Matcher id = EVENT_ID.matcher(parked.body());
            assertThat(id.find()).isTrue();

            assertThat(http.method("DELETE", "/actuator/allocation/" + id.group(1) + "/publish_allocated").status()).isEqualTo(200);
            assertThat(http.method("DELETE", "/actuator/allocation/" + id.group(1) + "/publish_allocated").status())
                    .as("not parked any more").isEqualTo(404);
            assertThat(http.method("DELETE", "/actuator/allocation/not-a-uuid/publish_allocated").status()).isEqualTo(400);
            assertThat(http.get("/actuator/allocation").body()).isEqualTo("[]");
        }
    }

    @Test
    void theEndpointIsNotThereUnlessExposed() {
        try (AllocationApplication application = AllocationApplication.start(TestSettings.onFreshH2())) {
            HttpClientForTests http = new HttpClientForTests(application.port());

            assertThat(http.get("/actuator/allocation").status()).isEqualTo(404);
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Answer eventually(java.util.function.Supplier<Answer> ask, java.util.function.Predicate<Answer> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Answer answer = ask.get();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = ask.get();
        }
        return answer;
    }
}
