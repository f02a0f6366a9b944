package io.github.cosmicarch.allocation.examples.entrypoints.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cosmicarch.allocation.adapter.inmemory.InMemoryDatabase;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.UnitOfWork;
import io.github.cosmicarch.allocation.service.bootstrap.Bootstrap;
import io.github.cosmicarch.allocation.service.bus.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the API answers when the service itself fails: a status and a message, never a stack trace. */
class HttpApiFailureTest {

    private static HttpResponse<String> allocateWith(Supplier<UnitOfWork> storage) throws Exception {
        InMemoryDatabase database = new InMemoryDatabase();
        var bus = Bootstrap.builder().unitsOfWork(storage::get).allocationsView(database.allocationsView())
                .retryPolicy(RetryPolicy.noRetry()).build();
        try (HttpApi api = HttpApi.start(bus, database.allocationsView(), 0, 2)) {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/allocate"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"orderid\": \"o1\", \"sku\": \"S\", \"qty\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void anUnexpectedFailureIsA500WithoutDetails() throws Exception {
        HttpResponse<String> response = allocateWith(() -> {
            throw new IllegalStateException("disk on fire at com.example.Secret.method(Secret.java:42)");
        });

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal error\"}");
    }

    @Test
    void aConflictThatOutlastsTheRetriesIsA409() throws Exception {
        HttpResponse<String> response = allocateWith(() -> {
            throw new ConcurrencyConflict("S", "changed meanwhile");
        });

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"message\":\"The product changed concurrently too often; try again\"}");
    }
}
