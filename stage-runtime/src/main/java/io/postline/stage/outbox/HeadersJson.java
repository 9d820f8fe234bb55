package io.postline.stage.outbox;

import java.util.Map;

/**
 * Writes an outbox row's headers (a flat map of strings) as a JSON object. Every output of every stage
 * needs one; Jackson's general path was 3 to 6 % of a stage's CPU for these few short strings (JFR).
 */
final class HeadersJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HeadersJson() {
    }

    static String write(Map<String, String> headers) {
        StringBuilder json = new StringBuilder(64 + headers.size() * 48).append('{');
        headers.forEach((name, value) -> entry(json, name, value));
        return json.append('}').toString();
    }

    /**
     * Appends one member, {@code "name":value} ({@code null} for a null value), to an object opened with
     * {@code '{'}; the comma before it is written unless it is the object's first member.
     */
    static void entry(StringBuilder json, String name, String value) {
        if (json.charAt(json.length() - 1) != '{') {
            json.append(',');
        }
        string(json, name).append(':');
        if (value == null) {
            json.append("null");
        } else {
            string(json, value);
        }
    }

    /** Appends {@code s} as a JSON string: runs that need no escape are copied whole (header values almost always are). */
    private static StringBuilder string(StringBuilder json, String s) {
        json.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return json.append(s, run, s.length()).append('"');
    }
}
