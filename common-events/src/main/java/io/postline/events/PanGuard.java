package io.postline.events;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Finds what looks like a card number (PAN) in a value: a run of 13 to 19 digits, possibly written in
 * groups separated by single spaces or dashes, that begins like a payment card (major industry identifier
 * 3, 4, 5 or 6, or the Mastercard 2-series 2221-2720) and passes the Luhn check. The prefix rule keeps
 * zero-padded amounts and date-times (fixed-width posting records) from matching by chance. IBANs are
 * exempt: a valid IBAN holds a sort code and account number run that is often Luhn-valid by chance
 * (docs/architecture.md §5), and so are ids (UUIDs and 32-hex message ids), whose random digits would
 * otherwise match now and then. Ingest refuses such values and the PAN scan looks for them everywhere; the
 * guard reports only whether a value is suspect and never returns or logs the digits.
 */
public final class PanGuard {
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final Pattern IBAN_IN_TEXT = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}(?![A-Za-z0-9])");
    /**
     * Ids and digests: W3C trace contexts and span ids of log lines, UUIDs (their 8-4-4-4-12 shape is
     * unmistakable even inside a fixed-width record, so no boundary is needed) and 32, 40 or 64 hex digits
     * with at least one letter (message ids, SHA-1, SHA-256 and HMAC values). A caller's trace context is
     * never stored as it came: ingest keeps only its trace id and writes its own span id.
     */
    private static final Pattern ID_IN_TEXT = Pattern.compile(
            // W3C trace context (version-traceid-spanid-flags): one span id in about 2,000 is all digits
            "(?<![0-9a-fA-F-])[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(?![0-9a-fA-F-])"
            // a span id in a structured log line
            + "|(?<=\"spanId\":\")[0-9a-f]{16}(?=\")"
            + "|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<![0-9a-fA-F])(?=[0-9]*[a-fA-F])(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{40}"
            + "|[0-9a-fA-F]{32})(?![0-9a-fA-F])");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private PanGuard() {
    }

    public static boolean containsPan(String value) {
        return value != null && hasLongDigitRun(value) && scan(value);
    }

    /**
     * Whether the value holds a run of 13 or more digits, read as {@link #scan} reads runs. Most values do
     * not (names, dates, ids, whole JSON documents of them), and then {@link #scan} cannot find a card either:
     * the ids and IBANs it blanks first are at least 15 characters, so blanking only shortens runs. This
     * spares those values the pattern matching, which was most of a request's card-data check.
     */
    static boolean hasLongDigitRun(String value) {
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++run >= 13) {
                    return true;
                }
            } else if (run == 0 || !separatorInGroup(value, i)) {
                run = 0;
            }
        }
        return false;
    }

    /** The full check: valid IBANs and ids set aside, then every digit run tried. */
    static boolean scan(String value) {
        if (value.length() < 13) {
            return false;
        }
        String compact = value.replace(" ", "");
        if (IBAN.matcher(compact).matches() && isValidIban(compact)) {
            return false;
        }
        value = withoutIds(withoutIbans(value));
        StringBuilder run = new StringBuilder(24);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                run.append(c);
            } else if (!run.isEmpty() && separatorInGroup(value, i)) {
                continue; // a single separator inside a digit group: "4111 1111 1111 1111"
            } else {
                if (hasLuhnWindow(run)) {
                    return true;
                }
                run.setLength(0);
            }
        }
        return hasLuhnWindow(run);
    }

    /** Whether the character at {@code i} is a single space or dash between two digits. */
    private static boolean separatorInGroup(String value, int i) {
        char c = value.charAt(i);
        return (c == ' ' || c == '-') && i > 0 && i + 1 < value.length()
                && Character.isDigit(value.charAt(i + 1)) && Character.isDigit(value.charAt(i - 1));
    }

    /** Blanks ids (UUIDs, 32-hex message ids): random hex, whose digit stretches would read as numbers. */
    static String withoutIds(String text) {
        var m = ID_IN_TEXT.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        do {
            for (int i = m.start(); i < m.end(); i++) {
                out.setCharAt(i, ' ');
            }
        } while (m.find());
        return out.toString();
    }

    /** Blanks every valid IBAN inside a longer text (a JSON document, a log line), so its digits are not read. */
    static String withoutIbans(String text) {
        var m = IBAN_IN_TEXT.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        do {
            if (isValidIban(m.group())) {
                for (int i = m.start(); i < m.end(); i++) {
                    out.setCharAt(i, ' ');
                }
            }
        } while (m.find());
        return out.toString();
    }

    /**
     * A run of 13-19 digits (less any leading zeros) that begins like a card and passes Luhn as a whole; in a
     * longer run, any 13-19 digit window that does (a PAN embedded in a longer number). Windows of a 13-19
     * digit run are not tried: many ordinary numbers would then match by chance.
     */
    static boolean hasLuhnWindow(CharSequence run) {
        int n = run.length();
        if (n < 13) {
            return false;
        }
        if (n <= 19) {
            int start = 0;
            while (start < n && run.charAt(start) == '0') {
                start++; // a PAN padded with zeros, as in a fixed-width field
            }
            return n - start >= 13 && cardLike(run, start) && Luhn.valid(run, start, n - start);
        }
        for (int length = 13; length <= 19; length++) {
            for (int start = 0; start + length <= n; start++) {
                if (cardLike(run, start) && Luhn.valid(run, start, length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether digits at {@code start} begin like a payment card number. */
    static boolean cardLike(CharSequence digits, int start) {
        char first = digits.charAt(start);
        if (first >= '3' && first <= '6') {
            return true;
        }
        if (first != '2') {
            return false;
        }
        int prefix = Integer.parseInt(digits.subSequence(start, start + 4).toString());
        return prefix >= 2221 && prefix <= 2720;
    }

    static boolean isValidIban(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isLetter(c) ? Integer.toString(c - 'A' + 10) : String.valueOf(c));
        }
        return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
}
