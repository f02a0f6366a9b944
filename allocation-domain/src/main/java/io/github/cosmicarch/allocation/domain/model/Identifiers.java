package io.github.cosmicarch.allocation.domain.model;

/**
 * What the domain accepts as an identifier (an order id, a sku, a batch reference): text that any
 * storage keeps as it was given and gives back unchanged, so that two different identifiers
 * never become one. That is 1 to {@value #MAX_LENGTH} UTF-16 characters of well-formed Unicode,
 * with no control character and no white space at either end.
 *
 * <p>{@link #MAX_LENGTH} is the width of every identifier column in the schema's migrations; a
 * test reads the migrations and holds the two equal.
 */
public final class Identifiers {

    /** The longest identifier, in UTF-16 characters: the width of the schema's identifier columns. */
    public static final int MAX_LENGTH = 255;

    private static final char DELETE = 0x7F;

    private Identifiers() {}

    /**
     * Checks an identifier.
     *
     * @param field the name of the field, for the message
     * @param value the identifier
     * @return the identifier, unchanged
     * @throws InvalidIdentifier naming the field and what is wrong with the value
     */
    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidIdentifier(field, value, "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidIdentifier(field, value, "must be at most " + MAX_LENGTH + " characters long, but has "
                    + value.length());
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            throw new InvalidIdentifier(field, value, "must not start or end with white space");
        }
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character >= ' ' && character < DELETE) {
                continue; // printable ASCII, the common case, needs no further look
            }
            if (Character.isISOControl(character)) {
                throw new InvalidIdentifier(field, value, "must not hold a control character (U+"
                        + String.format("%04X", (int) character) + " at index " + index + ")");
            }
            if (Character.isHighSurrogate(character) && index + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(index + 1))) {
                index++;
            } else if (Character.isSurrogate(character)) {
                throw new InvalidIdentifier(field, value, "must be well-formed Unicode, but has a lone surrogate at index "
                        + index);
            }
        }
        return value;
    }
}
