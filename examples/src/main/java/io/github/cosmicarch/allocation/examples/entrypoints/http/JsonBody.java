package io.github.cosmicarch.allocation.examples.entrypoints.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A request body parsed as a JSON object, with typed, validated access to its fields. */
final class JsonBody {

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    static JsonBody parse(ObjectMapper json, byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new BadRequest("Malformed JSON: " + malformed.getOriginalMessage());
        } catch (java.io.IOException unreadable) {
            throw new BadRequest("Unreadable body: " + unreadable.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("Expected a JSON object");
        }
        return new JsonBody(node);
    }

    /** A required string field. */
    String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw new BadRequest("Field " + field + " must be a string, but was " + value);
        }
        return value.textValue();
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
        if (!value.isTextual()) {
            throw new BadRequest("Field " + field + " must be an ISO date, an ISO date-time or null, but was " + value);
        }
        String text = value.textValue();
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
}
