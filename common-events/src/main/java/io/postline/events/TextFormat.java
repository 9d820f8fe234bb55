package io.postline.events;

import java.util.regex.Pattern;

/**
 * The format of a short text field, written as the regular expression it equals ({@code [A-Za-z0-9]{12}}, or
 * {@code [a-z0-9][a-z0-9-]{0,31}} with a class of its own for the first character) but checked by a loop over
 * a character table. Every stage checks these fields on every event it reads; as regular expressions they
 * were about 5 % of each stage's CPU (JFR, docs/benchmarks.md).
 */
public final class TextFormat {
    private static final Pattern SPEC = Pattern.compile("(?:\\[([^\\]]+)\\])?\\[([^\\]]+)\\]\\{(\\d+)(?:,(\\d+))?\\}");

    private final String spec;
    private final boolean[] first;
    private final boolean[] rest;
    private final int min;
    private final int max;

    private TextFormat(String spec, boolean[] first, boolean[] rest, int min, int max) {
        this.spec = spec;
        this.first = first;
        this.rest = rest;
        this.min = min;
        this.max = max;
    }

    /** Parses {@code [first]?[class]{min(,max)?}}, where a class holds ASCII characters and ranges. */
    public static TextFormat of(String spec) {
        var m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a [class]{min,max} format: " + spec);
        }
        boolean[] rest = table(m.group(2));
        int min = Integer.parseInt(m.group(3));
        int max = m.group(4) == null ? min : Integer.parseInt(m.group(4));
        if (m.group(1) == null) {
            return new TextFormat(spec, rest, rest, min, max);
        }
        return new TextFormat(spec, table(m.group(1)), rest, min + 1, max + 1);
    }

    public boolean matches(CharSequence value) {
        int n = value.length();
        if (n < min || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean[] allowed = i == 0 ? first : rest;
            if (c >= allowed.length || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    /** The regular expression this format equals. */
    public String pattern() {
        return spec;
    }

    @Override
    public String toString() {
        return spec;
    }

    private static boolean[] table(String characterClass) {
        boolean[] allowed = new boolean[128];
        for (int i = 0; i < characterClass.length(); i++) {
            char from = characterClass.charAt(i);
            boolean range = i + 2 < characterClass.length() && characterClass.charAt(i + 1) == '-';
            char to = range ? characterClass.charAt(i + 2) : from;
            if (from == '\\' || to >= 128 || to < from) {
                throw new IllegalArgumentException("unsupported character class: " + characterClass);
            }
            for (char c = from; c <= to; c++) {
                allowed[c] = true;
            }
            i += range ? 2 : 0;
        }
        return allowed;
    }
}
