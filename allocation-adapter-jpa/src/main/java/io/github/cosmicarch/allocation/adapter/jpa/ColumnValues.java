package io.github.cosmicarch.allocation.adapter.jpa;

import java.nio.ByteBuffer;
import java.util.UUID;

/** Column values of the outbox as each database answers or holds them. */
final class ColumnValues {

    /** The longest handler error a progress row holds. */
    static final int LONGEST_ERROR = 2000;

    private ColumnValues() {}

    /** A UUID column as the provider answers it: a {@code UUID}, its 16 bytes, or its text. */
    static UUID uuid(Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        if (value instanceof byte[] bytes && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(value.toString());
    }

    /** An error cut to what its column holds, with an ellipsis when cut. */
    static String shortened(String error) {
        return error.length() <= LONGEST_ERROR ? error : error.substring(0, LONGEST_ERROR - 1) + "…";
    }
}
