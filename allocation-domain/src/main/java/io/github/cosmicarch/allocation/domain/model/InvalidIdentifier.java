package io.github.cosmicarch.allocation.domain.model;

/**
 * An order id, sku or batch reference that storage could not keep as given: see
 * {@link Identifiers}. Refused before anything is written.
 */
public final class InvalidIdentifier extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The field that held the identifier. */
    private final String field;

    /**
     * Creates the error; its message shows the value escaped, so that it is safe to log.
     *
     * @param field   the field that held it, such as {@code "orderId"}
     * @param value   the refused value, possibly {@code null}
     * @param problem what is wrong with it
     */
    public InvalidIdentifier(String field, String value, String problem) {
        super(field + " " + problem + ", but was " + shown(value));
        this.field = field;
    }

    /** {@return the name of the field that held the refused identifier, such as {@code "orderId"}} */
    public String field() {
        return field;
    }

    /** The value quoted, with control characters and lone surrogates escaped, cut after 40 characters. */
    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder("\"");
        int limit = Math.min(value.length(), 40);
        for (int index = 0; index < limit; index++) {
            char character = value.charAt(index);
            if (Character.isISOControl(character) || Character.isSurrogate(character) || character == '"'
                    || character == '\\') {
                shown.append(String.format("\\u%04X", (int) character));
            } else {
                shown.append(character);
            }
        }
        shown.append('"');
        if (value.length() > limit) {
            shown.append("... (").append(value.length()).append(" characters)");
        }
        return shown.toString();
    }
}
