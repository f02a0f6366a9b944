package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cosmicarch.allocation.domain.model.AllocationException;
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

    /** What became of a message. */
    public enum Outcome {
        /** The command was handled and committed. */
        APPLIED,
        /** The message was malformed or the service refused it: trying again would change nothing. */
        SKIPPED,
        /** The service could not handle it now (the database failed, say): it may be tried again. */
        FAILED
    }

    /**
     * Handles one message.
     *
     * @param message the message text
     * @return {@code true} when it became a command the service accepted, {@code false} when skipped
     *         or failed
     */
    public boolean handle(String message) {
        return apply(message) == Outcome.APPLIED;
    }

    /**
     * Handles one message and tells a refusal from a failure, for sources that can deliver it again.
     *
     * @param message the message text, possibly {@code null}
     * @return what became of it
     */
    public Outcome apply(String message) {
        if (message == null) {
            LOG.warn("Skipped an entry without a message");
            return Outcome.SKIPPED;
        }
        JsonNode body;
        try {
            body = json.readTree(message);
        } catch (JsonProcessingException malformed) {
            LOG.warn("Skipped a message that is not JSON: {}", message);
            return Outcome.SKIPPED;
        }
        JsonNode reference = body == null ? null : body.get("batchref");
        JsonNode quantity = body == null ? null : body.get("qty");
        if (reference == null || !reference.isTextual() || quantity == null || !quantity.isIntegralNumber()
                || !quantity.canConvertToInt()) {
            LOG.warn("Skipped a message without a text batchref and a whole qty: {}", message);
            return Outcome.SKIPPED;
        }
        try {
            bus.handle(new ChangeBatchQuantity(reference.textValue(), quantity.intValue()));
        } catch (AllocationException | IllegalArgumentException refused) {
            LOG.warn("Skipped {}: {}", message, refused.getMessage());
            return Outcome.SKIPPED;
        } catch (RuntimeException failed) {
            LOG.warn("Could not apply {} now: {}", message, failed.getMessage());
            return Outcome.FAILED;
        }
        LOG.info("Changed the quantity of batch {} to {}", reference.textValue(), quantity.intValue());
        return Outcome.APPLIED;
    }
}
