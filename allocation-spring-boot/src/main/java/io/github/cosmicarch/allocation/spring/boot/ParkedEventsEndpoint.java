package io.github.cosmicarch.allocation.spring.boot;

import io.github.cosmicarch.allocation.service.bus.EventDispatcher;
import io.github.cosmicarch.allocation.service.outbox.HandlerProgress;
import io.github.cosmicarch.allocation.service.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The actuator endpoint {@code allocation}, over HTTP, for an operator to mend parked work from
 * outside the process: {@code GET} lists the events with a parked handler and their last errors,
 * {@code POST .../{eventId}/{handler}} replays that handler, {@code DELETE .../{eventId}/{handler}}
 * discards it; either answers 404 when that handler is not parked. Like Boot's other endpoints it
 * is reachable only once the application exposes it
 * ({@code management.endpoints.web.exposure.include=allocation}), behind the security the
 * application gives its actuator.
 */
@WebEndpoint(id = "allocation")
public class ParkedEventsEndpoint {

    /** The most parked events listed. */
    static final int LISTED = 100;

    private final EventDispatcher dispatcher;

    /**
     * Creates the endpoint.
     *
     * @param dispatcher the dispatcher whose parked work it shows
     */
    public ParkedEventsEndpoint(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * An event with a parked handler, as listed.
     *
     * @param eventId  the event's id
     * @param type     the event's type
     * @param sku      the product it concerns
     * @param event    the event, as text
     * @param handlers each handler's progress, by name; those not listed have not run yet
     */
    public record ParkedEvent(UUID eventId, String type, String sku, String event, Map<String, Progress> handlers) {}

    /**
     * How far a handler got with an event.
     *
     * @param status    {@code PENDING}, {@code DONE} or {@code PARKED}
     * @param attempts  how many times it ran and failed
     * @param retryAt   when it runs next, if it is to
     * @param lastError the last failure, shortened
     */
    public record Progress(String status, int attempts, Instant retryAt, String lastError) {}

    /**
     * Lists the events with a parked handler, oldest first.
     *
     * @return up to {@value #LISTED} events
     */
    @ReadOperation
    public List<ParkedEvent> parked() {
        return dispatcher.parked(LISTED).stream().map(ParkedEventsEndpoint::listed).toList();
    }

    /**
     * Runs a parked handler again, at the dispatcher's next look.
     *
     * @param eventId the event
     * @param handler the handler's name
     * @return what was done; 404 when that handler was not parked
     */
    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> replay(@Selector String eventId, @Selector String handler) {
        return onEvent(eventId, handler, "replayed", dispatcher::replay);
    }

    /**
     * Gives up a parked handler: it will not run, and the event is forgotten once its other
     * handlers are done.
     *
     * @param eventId the event
     * @param handler the handler's name
     * @return what was done; 404 when that handler was not parked
     */
    @DeleteOperation
    public WebEndpointResponse<Map<String, Object>> discard(@Selector String eventId, @Selector String handler) {
        return onEvent(eventId, handler, "discarded", dispatcher::discard);
    }

    /** Does it to a parked handler: 200 when done, 404 when the handler is not parked, 400 for an id that is not one. */
    private static WebEndpointResponse<Map<String, Object>> onEvent(String eventId, String handler, String done,
                                                                    BiPredicate<UUID, String> action) {
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException notAnId) {
            return new WebEndpointResponse<>(Map.of("message", "Not an event id: " + eventId),
                    WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        return action.test(id, handler)
                ? new WebEndpointResponse<>(Map.of("eventId", id, "handler", handler, done, true))
                : new WebEndpointResponse<>(Map.of("message", "Handler " + handler + " of event " + id + " is not parked"),
                        WebEndpointResponse.STATUS_NOT_FOUND);
    }

    private static ParkedEvent listed(PendingEvent pending) {
        Map<String, Progress> handlers = new TreeMap<>();
        pending.progress().forEach((name, progress) -> handlers.put(name, progressOf(progress)));
        return new ParkedEvent(pending.recorded().id(), pending.recorded().event().getClass().getSimpleName(),
                pending.recorded().event().sku(), pending.recorded().event().toString(), handlers);
    }

    private static Progress progressOf(HandlerProgress progress) {
        return new Progress(progress.status().name(), progress.attempts(), progress.retryAt().orElse(null),
                progress.lastError());
    }
}
