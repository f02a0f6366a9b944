package io.github.cosmicarch.allocation.examples.entrypoints.redis;

import io.github.cosmicarch.allocation.domain.model.AllocationException;
import io.github.cosmicarch.allocation.service.bus.MessageBus;
import io.github.cosmicarch.allocation.service.command.ChangeBatchQuantity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a {@code change_batch_quantity} message {@code {"batchref": "...", "qty": N}}, and nothing after it, into a
 * {@link ChangeBatchQuantity} on the bus. A message that is not JSON, lacks a field, has a field of
 * the wrong type, or is refused by the service (an unknown batch, a negative quantity) is logged and
 * skipped: {@link #handle} never throws. A message is logged by its first {@value #LOGGED_CHARACTERS}
 * characters and its length, once per delivery: a sender gone wrong may publish megabytes.
 */
public final class ChangeBatchQuantityMessages {

    /** The most characters of a message, or of a refusal, that a log line shows. */
    static final int LOGGED_CHARACTERS = 300;

    private static final Logger LOG = LoggerFactory.getLogger("allocation.redis");

    private final MessageBus bus;
    /** Content after the object (a second value, stray text) makes the message malformed. */
    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

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
        } catch (JacksonException malformed) {
            LOG.warn("Skipped a message that is not JSON: {}", shown(message));
            return Outcome.SKIPPED;
        }
        JsonNode reference = body == null ? null : body.get("batchref");
        JsonNode quantity = body == null ? null : body.get("qty");
        if (reference == null || !reference.isString() || quantity == null || !quantity.isIntegralNumber()
                || !quantity.canConvertToInt()) {
            LOG.warn("Skipped a message without a text batchref and a whole qty: {}", shown(message));
            return Outcome.SKIPPED;
        }
        try {
            bus.handle(new ChangeBatchQuantity(reference.stringValue(), quantity.intValue()));
        } catch (AllocationException | IllegalArgumentException refused) {
            LOG.warn("Skipped {}: {}", shown(message), shown(refused.getMessage()));
            return Outcome.SKIPPED;
        } catch (RuntimeException failed) {
            LOG.warn("Could not apply {} now: {}", shown(message), shown(failed.getMessage()));
            return Outcome.FAILED;
        }
        LOG.info("Changed the quantity of batch {} to {}", reference.stringValue(), quantity.intValue());
        return Outcome.APPLIED;
    }

    /**
     * The text as a log line shows it: whole when short, otherwise its first
     * {@value #LOGGED_CHARACTERS} characters (one fewer rather than half a surrogate pair) and its
     * full length.
     */
    static String shown(String text) {
        if (text == null || text.length() <= LOGGED_CHARACTERS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(LOGGED_CHARACTERS - 1)) ? LOGGED_CHARACTERS - 1 : LOGGED_CHARACTERS;
        return text.substring(0, end) + "... (" + text.length() + " characters in all)";
    }
}
