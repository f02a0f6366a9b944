package io.github.cosmicarch.allocation.examples.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@code change_batch_quantity} message {@code {"batchref": "...", "qty": N}} into a
 * {@link ChangeBatchQuantity} on the bus. A message that is not JSON, lacks a field, has a field of
 * the wrong type, or is refused by the service (an unknown batch, a negative quantity) is logged and
 * skipped: {@link #handle} never throws.
 */
public final class ChangeBatchQuantityMessages {

    private static final Logger LOG = LoggerFactory.getLogger("allocation.redis");

    private final MessageBus bus;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Creates the translator.
     *
     * @param bus where commands go
     */
    public ChangeBatchQuantityMessages(MessageBus bus) {
        this.bus = bus;
    }

    /**
     * Handles one message.
     *
     * @param message the message text
     * @return {@code true} when it became a command the service accepted, {@code false} when skipped
     */
    public boolean handle(String message) {
        JsonNode body;
        try {
            body = json.readTree(message);
        } catch (JsonProcessingException malformed) {
            LOG.warn("Skipped a message that is not JSON: {}", message);
            return false;
        }
        JsonNode reference = body == null ? null : body.get("batchref");
        JsonNode quantity = body == null ? null : body.get("qty");
        if (reference == null || !reference.isTextual() || quantity == null || !quantity.isIntegralNumber()
                || !quantity.canConvertToInt()) {
            LOG.warn("Skipped a message without a text batchref and a whole qty: {}", message);
            return false;
        }
        try {
            bus.handle(new ChangeBatchQuantity(reference.textValue(), quantity.intValue()));
        } catch (RuntimeException refused) {
            LOG.warn("Skipped {}: {}", message, refused.getMessage());
            return false;
        }
        LOG.info("Changed the quantity of batch {} to {}", reference.textValue(), quantity.intValue());
        return true;
    }
}
