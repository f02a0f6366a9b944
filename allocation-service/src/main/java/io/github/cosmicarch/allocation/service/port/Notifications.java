package io.github.cosmicarch.allocation.service.port;

/** Sends a message to a person, by e-mail or any other channel an adapter chooses. */
@FunctionalInterface
public interface Notifications {

    /**
     * Sends a message.
     *
     * @param destination who receives it, such as an e-mail address
     * @param message     the text
     */
    void send(String destination, String message);
}
