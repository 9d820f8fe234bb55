package io.postline.events;

import java.util.Objects;

/** Field checks used by the event records' constructors, so a malformed event cannot be built. */
final class Require {
    private Require() {
    }

    static String text(String value, String field, int maxLength) {
        Objects.requireNonNull(value, () -> field + " is required");
        if (value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be 1.." + maxLength + " characters");
        }
        return value;
    }

    /** {@link #text}, and {@link PrintableText printable}: free text from outside that reaches ISO 20022 XML. */
    static String printable(String value, String field, int maxLength) {
        text(value, field, maxLength);
        if (!PrintableText.isPrintable(value)) {
            throw new IllegalArgumentException(field + " must not contain control characters");
        }
        return value;
    }

    static String matches(String value, String field, TextFormat format) {
        Objects.requireNonNull(value, () -> field + " is required");
        if (!format.matches(value)) {
            throw new IllegalArgumentException(field + " must match " + format.pattern());
        }
        return value;
    }

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static Money positive(Money amount, String field) {
        present(amount, field);
        if (amount.amountMinor() <= 0) {
            throw new IllegalArgumentException(field + " must be positive");
        }
        return amount;
    }
}
