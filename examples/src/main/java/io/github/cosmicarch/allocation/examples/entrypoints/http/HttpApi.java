package io.github.cosmicarch.allocation.examples.entrypoints.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book's HTTP API on the JDK's HTTP server:
 *
 * <ul>
 *   <li>{@code POST /add_batch} {@code {"ref", "sku", "qty", "eta"}} → 201 {@code OK};</li>
 *   <li>{@code POST /allocate} {@code {"orderid", "sku", "qty"}} → 202 {@code OK}, an unknown sku → 400;</li>
 *   <li>{@code GET /allocations/<orderid>} → 200 {@code [{"sku", "batchref"}]}, none → 404.</li>
 * </ul>
 *
 * <p>Every refusal is a JSON {@code {"message": ...}} naming the problem: 400 for bad input, 413 for
 * a body over {@value #MAX_BODY_BYTES} bytes, 404 for an unknown path, 405 for a wrong method, 409
 * when conflicts outlast the bus's retries, 503 when the database fails. A 500 says only that
 * something failed; the details go to the log, never to the client.
 */
public final class HttpApi implements AutoCloseable {

    /** The largest request body accepted. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger("allocation.http");
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final MessageBus bus;
    private final AllocationsView view;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService workers;

    private HttpApi(MessageBus bus, AllocationsView view, int port, int threads) throws IOException {
        this.bus = bus;
        this.view = view;
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::exchange);
        server.start();
    }

    /**
     * Starts serving.
     *
     * @param bus     where commands go
     * @param view    where reads go
     * @param port    the port, or 0 for any free one
     * @param threads how many requests are handled at once
     * @return the running API; close it to stop
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static HttpApi start(MessageBus bus, AllocationsView view, int port, int threads) {
        // Without TCP_NODELAY, the JDK server's separate writes of headers and body meet the
        // client's delayed acknowledgement: every answer waited about 40 ms (benchmarks/RESULTS.md).
        // The JDK reads this property once, when its first server starts.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        try {
            return new HttpApi(bus, view, port, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on port " + port, e);
        }
    }

    /**
     * The port the API listens on.
     *
     * @return the bound port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests, lets running ones finish for up to a second, and stops. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private record Response(int status, String contentType, byte[] body, String allow) {

        Response allowing(String method) {
            return new Response(status, contentType, body, method);
        }
    }

    private void exchange(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Response response;
        try {
            response = route(method, path, exchange);
        } catch (BadRequest refused) {
            Response refusal = message(refused.status(), refused.getMessage());
            response = refused instanceof MethodNotAllowed wrong ? refusal.allowing(wrong.allowed) : refusal;
        } catch (AllocationException | IllegalArgumentException refused) {
            response = message(400, refused.getMessage());
        } catch (ConcurrencyConflict conflict) {
            response = message(409, "The product changed concurrently too often; try again");
        } catch (StorageFailure failure) {
            LOG.error("{} {} failed: the database failed", method, path, failure);
            response = message(503, "The database is unavailable; try again later");
        } catch (RuntimeException | Error failure) {
            LOG.error("{} {} failed", method, path, failure);
            response = message(500, "Internal error");
        }
        send(exchange, response);
        LOG.info("{} {} {} {} ms", method, path, response.status(), (System.nanoTime() - started) / 1_000_000);
    }

    private Response route(String method, String path, HttpExchange exchange) {
        if (path.equals("/add_batch")) {
            requireMethod("POST", method);
            JsonBody body = JsonBody.parse(json, body(exchange));
            bus.handle(new CreateBatch(body.text("ref"), body.text("sku"), body.positiveInteger("qty"), body.date("eta")));
            return text(201, "OK");
        }
        if (path.equals("/allocate")) {
            requireMethod("POST", method);
            JsonBody body = JsonBody.parse(json, body(exchange));
            bus.handle(new Allocate(body.text("orderid"), body.text("sku"), body.positiveInteger("qty")));
            return text(202, "OK");
        }
        String prefix = "/allocations/";
        if (path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0) {
            requireMethod("GET", method);
            String orderId = path.substring(prefix.length());
            List<OrderAllocation> allocations = view.allocations(orderId);
            if (allocations.isEmpty()) {
                return message(404, "No allocations for order " + orderId);
            }
            return json(200, allocations.stream().map(allocation -> {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("sku", allocation.sku());
                row.put("batchref", allocation.batchReference());
                return row;
            }).toList());
        }
        return message(404, "No such resource: " + path);
    }

    private static void requireMethod(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new MethodNotAllowed(expected, actual);
        }
    }

    /** A request with the wrong method; its Allow header names the right one. */
    private static final class MethodNotAllowed extends BadRequest {
        private static final long serialVersionUID = 1L;
        private final String allowed;

        MethodNotAllowed(String allowed, String actual) {
            super(405, "Method " + actual + " is not allowed here; use " + allowed);
            this.allowed = allowed;
        }
    }

    private static byte[] body(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > MAX_BODY_BYTES) {
                    throw tooLarge();
                }
            } catch (NumberFormatException notANumber) {
                throw new BadRequest("Content-Length must be a number, but was \"" + declared + "\"");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new BadRequest("Could not read the request body: " + e.getMessage());
        }
    }

    private static BadRequest tooLarge() {
        return new BadRequest(413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
    }

    private Response text(int status, String body) {
        return new Response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), null);
    }

    private Response message(int status, String message) {
        return json(status, Map.of("message", message));
    }

    private Response json(int status, Object body) {
        try {
            return new Response(status, "application/json", json.writeValueAsBytes(body), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }

    private static void send(HttpExchange exchange, Response response) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            if (response.allow() != null) {
                exchange.getResponseHeaders().set("Allow", response.allow());
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (IOException clientGone) {
            LOG.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), clientGone.toString());
        }
    }
}
