package io.postline.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;

/**
 * Instants in the one ISO 8601 form the events carry, {@code 2026-12-02T14:44:52.770374271Z}, read and written
 * without {@link java.time.format.DateTimeFormatter}. The formatter's general machinery (a parsed-field map,
 * then resolution) was 5 % of the stages' CPU (JFR, batch-file benchmark): every event carries one to three
 * instants and a {@code ce_time} header, read and written at every hop.
 * <p>
 * The results are exactly {@link Instant#parse} and {@link Instant#toString}: anything outside the common form
 * (an offset other than {@code Z}, a year outside 0000–9999, a leap second, a malformed text) goes to them.
 */
public final class IsoInstants {
    private IsoInstants() {
    }

    /** As {@link Instant#parse}, including its exception for text that is not an instant. */
    public static Instant parse(CharSequence text) {
        Instant fast = parseCommonForm(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f…f]Z} with 1 to 9 fraction digits, or null when the text has another form
     * or an impossible date or time (the caller then asks {@link Instant#parse}, which names the fault).
     */
    static Instant parseCommonForm(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nano = digits(s, 20, fractionDigits);
            if (nano < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nano *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        if (day > 28 && day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nano);
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(CharSequence s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** As {@link Instant#toString}. */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return instant.toString(); // signed, or more than four digits
        }
        int nano = instant.getNano();
        // Like ISO_INSTANT: the fraction in groups of three digits, as many as it needs, none when zero.
        int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] out = new char[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        put(out, 0, t.getYear(), 4);
        out[4] = '-';
        put(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, t.getHour(), 2);
        out[13] = ':';
        put(out, 14, t.getMinute(), 2);
        out[16] = ':';
        put(out, 17, t.getSecond(), 2);
        if (fractionDigits > 0) {
            out[19] = '.';
            int fraction = nano;
            for (int i = fractionDigits; i < 9; i++) {
                fraction /= 10;
            }
            put(out, 20, fraction, fractionDigits);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
