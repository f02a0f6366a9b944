package io.github.cosmicarch.allocation.examples.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the end-to-end tests: real requests to a started application. */
final class HttpClientForTests {

    /** What came back. */
    record Answer(int status, String body, String contentType) {}

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HttpClientForTests(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer method(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    Answer addBatch(String reference, String sku, int quantity, String eta) {
        return post("/add_batch", "{\"ref\": \"" + reference + "\", \"sku\": \"" + sku + "\", \"qty\": " + quantity
                + ", \"eta\": " + (eta == null ? "null" : "\"" + eta + "\"") + "}");
    }

    Answer allocate(String orderId, String sku, int quantity) {
        return post("/allocate", "{\"orderid\": \"" + orderId + "\", \"sku\": \"" + sku + "\", \"qty\": " + quantity + "}");
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
