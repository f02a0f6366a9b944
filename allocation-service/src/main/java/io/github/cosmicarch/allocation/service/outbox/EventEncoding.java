package io.github.cosmicarch.allocation.service.outbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.cosmicarch.allocation.domain.model.Allocated;
import io.github.cosmicarch.allocation.domain.model.Deallocated;
import io.github.cosmicarch.allocation.domain.model.DomainEvent;
import io.github.cosmicarch.allocation.domain.model.OrderLine;
import io.github.cosmicarch.allocation.domain.model.OutOfStock;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How an event is written down in storage: its type's name, the version of the encoding, and its
 * fields as a form-encoded text ({@code orderId=o-1&sku=LAMP&quantity=3&batchReference=b-1}) that a
 * person can read and any language can parse. No Java serialization: a stored event outlives the
 * classes that wrote it. An adapter stores the three parts and gives them back to {@link #decode}.
 *
 * <p>Version 1 is the only version so far. A later version that renames or adds fields keeps
 * decoding version 1.
 */
public final class EventEncoding {

    /** The encoding written today. */
    public static final int VERSION = 1;

    private EventEncoding() {}

    /**
     * An event written down.
     *
     * @param type    the event's type, such as {@code Allocated}
     * @param version the encoding's version
     * @param data    the fields, form-encoded
     */
    public record Encoded(String type, int version, String data) {}

    /**
     * Writes an event down.
     *
     * @param event the event
     * @return its type, the encoding's version and its fields
     */
    public static Encoded encode(DomainEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (event instanceof Allocated allocated) {
            fields.put("orderId", allocated.orderId());
            fields.put("sku", allocated.sku());
            fields.put("quantity", Integer.toString(allocated.quantity()));
            fields.put("batchReference", allocated.batchReference());
        } else if (event instanceof Deallocated deallocated) {
            fields.put("orderId", deallocated.orderId());
            fields.put("sku", deallocated.sku());
            fields.put("quantity", Integer.toString(deallocated.quantity()));
        } else if (event instanceof OutOfStock outOfStock) {
            fields.put("sku", outOfStock.sku());
        } else {
            throw new IllegalArgumentException("No encoding for " + event);
        }
        StringJoiner data = new StringJoiner("&");
        fields.forEach((name, value) -> data.add(name + "=" + URLEncoder.encode(value, UTF_8)));
        return new Encoded(event.getClass().getSimpleName(), VERSION, data.toString());
    }

    /**
     * Reads an event back.
     *
     * @param type    the event's type, as {@link #encode} named it
     * @param version the encoding's version
     * @param data    the fields, form-encoded
     * @return the event
     * @throws IllegalArgumentException naming the problem when the type, the version or a field is
     *                                  not understood
     */
    public static DomainEvent decode(String type, int version, String data) {
        if (version != VERSION) {
            throw new IllegalArgumentException("Unknown encoding version " + version + " of a stored " + type);
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : data.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("Malformed field \"" + pair + "\" in a stored " + type);
            }
            fields.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), UTF_8));
        }
        return switch (type) {
            case "Allocated" -> new Allocated(line(fields, type), field(fields, "batchReference", type));
            case "Deallocated" -> new Deallocated(line(fields, type));
            case "OutOfStock" -> new OutOfStock(field(fields, "sku", type));
            default -> throw new IllegalArgumentException("Unknown stored event type " + type);
        };
    }

    private static OrderLine line(Map<String, String> fields, String type) {
        return new OrderLine(field(fields, "orderId", type), field(fields, "sku", type), quantity(fields, type));
    }

    private static String field(Map<String, String> fields, String name, String type) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("A stored " + type + " lacks its " + name);
        }
        return value;
    }

    private static int quantity(Map<String, String> fields, String type) {
        String value = field(fields, "quantity", type);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("A stored " + type + " has quantity \"" + value + "\", not a number",
                    notANumber);
        }
    }
}
