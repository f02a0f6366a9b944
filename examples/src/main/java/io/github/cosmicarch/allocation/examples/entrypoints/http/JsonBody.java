package io.github.cosmicarch.allocation.examples.entrypoints.http;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body parsed as one JSON object, with typed, validated access to its fields; and the
 * JSON answers of the API, written with the same mapper so that their bytes do not depend on the
 * application's settings.
 */
final class JsonBody {

    static final String JSON = "application/json";

    /** Content after the object (a second value, stray text) is refused, not ignored. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    static JsonBody parse(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException malformed) {
            throw new BadRequest("Malformed JSON: " + malformed.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("Expected a JSON object");
        }
        return new JsonBody(node);
    }

    /** A required string field. */
    String text(String field) {
        JsonNode value = required(field);
        if (!value.isString()) {
            throw new BadRequest("Field " + field + " must be a string, but was " + value);
        }
        return value.stringValue();
    }

    /** A required whole number of at least 1. */
    int positiveInteger(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new BadRequest("Field " + field + " must be a whole number, but was " + value);
        }
        if (value.intValue() < 1) {
            throw new BadRequest("Field " + field + " must be at least 1, but was " + value.intValue());
        }
        return value.intValue();
    }

    /** An optional date: an ISO date, the date of an ISO date-time, or null. */
    Optional<LocalDate> date(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new BadRequest("Field " + field + " must be an ISO date, an ISO date-time or null, but was " + value);
        }
        String text = value.stringValue();
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException notADate) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toLocalDate());
            } catch (DateTimeParseException notAnOffsetDateTime) {
                try {
                    return Optional.of(LocalDateTime.parse(text).toLocalDate());
                } catch (DateTimeParseException notADateTime) {
                    throw new BadRequest("Field " + field + " must be an ISO date, an ISO date-time or null, but was \""
                            + text + "\"");
                }
            }
        }
    }

    private JsonNode required(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequest("Missing field " + field);
        }
        return value;
    }

    static ResponseEntity<String> message(int status, String message) {
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, JSON).body(messageText(message));
    }

    static String messageText(String message) {
        return MAPPER.writeValueAsString(Map.of("message", message));
    }

    static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, JSON).body(MAPPER.writeValueAsString(body));
    }
}
