package io.github.cosmicarch.allocation.examples.entrypoints.http;

import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.domain.port.ConcurrencyConflict;
import io.github.cosmicarch.allocation.domain.port.StorageFailure;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.Allocate;
import io.github.cosmicarch.allocation.service.command.Command;
import io.github.cosmicarch.allocation.service.command.CreateBatch;
import io.github.cosmicarch.allocation.service.port.AllocationsView;
import io.github.cosmicarch.allocation.service.port.OrderAllocation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The book's HTTP API:
 *
 * <ul>
 *   <li>{@code POST /add_batch} {@code {"ref", "sku", "qty", "eta"}} → 201 {@code OK};</li>
 *   <li>{@code POST /allocate} {@code {"orderid", "sku", "qty"}} → 202 {@code OK}, an unknown sku → 400;</li>
 *   <li>{@code GET /allocations/<orderid>} → 200 {@code [{"sku", "batchref"}]}, none → 404.</li>
 * </ul>
 *
 * <p>Every refusal is a JSON {@code {"message": ...}} naming the problem: 400 for bad input (the
 * body is read as JSON whatever its declared type, as the book's clients send it), 413 for a body
 * over {@value #MAX_BODY_BYTES} bytes, 404 for an unknown path, 405 for a wrong method, 409 when
 * conflicts outlast the bus's retries, 503 when the database fails or the work of the request
 * misses its {@link RequestDeadline} — for a command, saying that sending it again is safe. A 500
 * says only that something failed; the details go to the log.
 */
@RestController
@RestControllerAdvice
public final class AllocationEndpoints {

    /** The largest request body accepted. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger("allocation.http");
    private static final String TEXT = "text/plain; charset=utf-8";

    private final MessageBus bus;
    private final AllocationsView view;
    private final RequestDeadline deadline;

    /**
     * Creates the endpoints.
     *
     * @param bus      where commands go
     * @param view     where reads go
     * @param deadline how long a request waits for the bus or the view
     */
    public AllocationEndpoints(MessageBus bus, AllocationsView view, RequestDeadline deadline) {
        this.bus = bus;
        this.view = view;
        this.deadline = deadline;
    }

    @PostMapping("/add_batch")
    ResponseEntity<String> addBatch(HttpServletRequest request) {
        JsonBody body = JsonBody.parse(body(request));
        handle(() -> new CreateBatch(body.text("ref"), body.text("sku"), body.positiveInteger("qty"), body.date("eta")),
                "The database failed before the batch was known to be added. Sending the same request again is "
                        + "safe: if the first one took effect, the answer is that the batch exists");
        return ResponseEntity.status(201).header(HttpHeaders.CONTENT_TYPE, TEXT).body("OK");
    }

    @PostMapping("/allocate")
    ResponseEntity<String> allocate(HttpServletRequest request) {
        JsonBody body = JsonBody.parse(body(request));
        handle(() -> new Allocate(body.text("orderid"), body.text("sku"), body.positiveInteger("qty")),
                "The database failed before the allocation was known to be made. Sending the same request again is "
                        + "safe: an order line is never allocated twice");
        return ResponseEntity.status(202).header(HttpHeaders.CONTENT_TYPE, TEXT).body("OK");
    }

    /**
     * Hands the command to the bus, waiting for it until the deadline; what the client asked wrongly
     * becomes a 400 naming the problem, a command that may or may not have taken effect a 503 saying so.
     */
    private void handle(Supplier<Command<?>> command, String unknownOutcome) {
        try {
            Command<?> valid = command.get();
            deadline.run(() -> bus.handle(valid));
        } catch (AllocationException | IllegalArgumentException refused) {
            throw new BadRequest(refused.getMessage());
        } catch (StorageFailure failure) {
            throw new UnknownOutcome(unknownOutcome, failure);
        } catch (RequestDeadline.Missed late) {
            if (late.began()) {
                throw new UnknownOutcome(unknownOutcome, late);
            }
            throw late;
        }
    }

    @GetMapping("/allocations/{orderId}")
    ResponseEntity<String> allocations(HttpServletRequest request) {
        String orderId;
        List<OrderAllocation> allocations;
        try {
            // The id as sent: the path variable would lose what follows a ';' (a path parameter to Spring).
            orderId = URI.create(request.getRequestURI()).getPath().substring("/allocations/".length());
            allocations = deadline.run(() -> view.allocations(orderId));
        } catch (AllocationException | IllegalArgumentException refused) {
            throw new BadRequest(refused.getMessage());
        }
        if (allocations.isEmpty()) {
            return JsonBody.message(404, "No allocations for order " + orderId);
        }
        return JsonBody.json(200, allocations.stream().map(allocation -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("sku", allocation.sku());
            row.put("batchref", allocation.batchReference());
            return row;
        }).toList());
    }

    @ExceptionHandler
    ResponseEntity<String> refused(BadRequest refused) {
        return JsonBody.message(refused.status(), refused.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<String> conflicted(ConcurrencyConflict conflict) {
        return JsonBody.message(409, "The product changed concurrently too often; try again");
    }

    @ExceptionHandler
    ResponseEntity<String> unknownOutcome(UnknownOutcome failure, HttpServletRequest request) {
        if (failure.getCause() instanceof RequestDeadline.Missed late) {
            LOG.warn("{} {} failed: {}", request.getMethod(), request.getRequestURI(), late.getMessage());
        } else {
            LOG.error("{} {} failed: the database failed", request.getMethod(), request.getRequestURI(), failure.getCause());
        }
        return JsonBody.message(503, failure.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<String> late(RequestDeadline.Missed late, HttpServletRequest request) {
        LOG.warn("{} {} failed: {}", request.getMethod(), request.getRequestURI(), late.getMessage());
        return JsonBody.message(503, late.began()
                ? "The database did not answer in time; try again later"
                : "The service is busy waiting for its database; nothing was done; try again later");
    }

    @ExceptionHandler
    ResponseEntity<String> databaseFailed(StorageFailure failure, HttpServletRequest request) {
        LOG.error("{} {} failed: the database failed", request.getMethod(), request.getRequestURI(), failure);
        return JsonBody.message(503, "The database is unavailable; try again later");
    }

    @ExceptionHandler
    ResponseEntity<String> noSuchPath(NoResourceFoundException unknown, HttpServletRequest request) {
        return JsonBody.message(404, "No such resource: " + request.getRequestURI());
    }

    @ExceptionHandler
    ResponseEntity<String> wrongMethod(HttpRequestMethodNotSupportedException wrong) {
        String allowed = String.join(", ", wrong.getSupportedMethods() == null ? new String[0] : wrong.getSupportedMethods());
        return ResponseEntity.status(405).header(HttpHeaders.ALLOW, allowed)
                .header(HttpHeaders.CONTENT_TYPE, JsonBody.JSON)
                .body(JsonBody.messageText("Method " + wrong.getMethod() + " is not allowed here; use " + allowed));
    }

    @ExceptionHandler
    ResponseEntity<String> failed(Exception failure, HttpServletRequest request) {
        LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), failure);
        return JsonBody.message(500, "Internal error");
    }

    private static byte[] body(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException unreadable) {
            throw new BadRequest("Could not read the request body: " + unreadable.getMessage());
        }
    }

    private static BadRequest tooLarge() {
        return new BadRequest(413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
    }

    /** A command whose outcome the database did not confirm. */
    private static final class UnknownOutcome extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownOutcome(String message, RuntimeException cause) {
            super(message, cause);
        }
    }
}
