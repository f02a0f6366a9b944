package io.github.cosmicarch.allocation.examples.entrypoints.http;

/** A request the API refuses before it reaches the service layer; the message is shown to the client. */
class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    BadRequest(String message) {
        this(400, message);
    }

    int status() {
        return status;
    }
}
