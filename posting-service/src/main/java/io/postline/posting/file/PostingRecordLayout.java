package io.postline.posting.file;

import io.postline.events.EntrySide;
import io.postline.events.EntryType;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fixed-width records of the bank's posting input (docs/posting-file.md, format PF01): every record is
 * {@value #WIDTH} printable ASCII characters; text is left-justified and space-padded, numbers are
 * right-justified and zero-padded. The spec's field tables and this class must agree; golden-file tests
 * hold both to the same bytes.
 */
public final class PostingRecordLayout {
    public static final int WIDTH = 150;
    public static final String FORMAT_VERSION = "PF01";
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final long HASH_MODULUS = 1_000_000_000_000_000_000L; // 18 digits
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}");
    private static final String SPACES = " ".repeat(WIDTH);
    private static final String ZEROS = "0".repeat(18); // the widest number field

    private PostingRecordLayout() {
    }

    /** H: batch id, business date, source, creation time (UTC), format version. */
    public static String header(String batchId, LocalDate businessDate, String sourceId, LocalDateTime createdUtc) {
        StringBuilder b = new StringBuilder(WIDTH).append('H');
        appendText(b, batchId, 36);
        DATE.formatTo(businessDate, b);
        appendText(b, sourceId, 32);
        STAMP.formatTo(createdUtc, b);
        return pad(b.append(FORMAT_VERSION));
    }

    /** D: one journal line. */
    public static String detail(Detail d) {
        StringBuilder b = new StringBuilder(WIDTH).append('D');
        appendText(b, d.accountNumber(), 34);
        appendText(b, d.sortCode() == null ? "" : d.sortCode().replace("-", ""), 6);
        b.append(d.side() == EntrySide.DEBIT ? 'D' : 'C');
        appendNumber(b, d.amountMinor(), 15);
        appendText(b, d.currency(), 3);
        appendText(b, d.narrative(), 35);
        appendText(b, d.sequenceId().toString(), 36);
        appendNumber(b, d.legIndex(), 3);
        return pad(b.append(entryCode(d.entryType())));
    }

    /**
     * T: number of detail records and the hash totals of their debit and credit amounts, each total after
     * its letter (D, C) so that the three numbers never run together into one long digit string.
     */
    public static String trailer(long details, long debitHash, long creditHash) {
        StringBuilder b = new StringBuilder(WIDTH).append('T');
        appendNumber(b, details, 9);
        appendNumber(b.append('D'), Math.floorMod(debitHash, HASH_MODULUS), 18);
        appendNumber(b.append('C'), Math.floorMod(creditHash, HASH_MODULUS), 18);
        return pad(b);
    }

    /** Position (0-based) of the debit/credit indicator and the amount in a detail record. */
    static final int SIDE_AT = 41;
    static final int AMOUNT_AT = 42;

    static boolean isDebit(String detail) {
        return detail.charAt(SIDE_AT) == 'D';
    }

    static long amountOf(String detail) {
        return Long.parseLong(detail.substring(AMOUNT_AT, AMOUNT_AT + 15));
    }

    /** The fields of one detail record. */
    public record Detail(String accountNumber, String sortCode, EntrySide side, long amountMinor, String currency,
                         String narrative, UUID sequenceId, int legIndex, EntryType entryType) {
    }

    static char entryCode(EntryType type) {
        return switch (type) {
            case POSTING -> 'P';
            case REVERSAL -> 'R';
            case ADJUSTMENT -> 'A';
        };
    }

    /** Printable ASCII only: accents dropped, anything else a space; cut or padded to {@code width}. */
    static String text(String value, int width) {
        StringBuilder b = new StringBuilder(width);
        appendText(b, value, width);
        return b.toString();
    }

    /**
     * Appends {@link #text} to the record being built. Almost every field is printable ASCII already and goes in
     * as one copy; only the others are decomposed (accents dropped) and copied a character at a time. Building
     * each field as a string of its own, a character at a time, was 2.4 % of the services' CPU while posting
     * drained its backlog (JFR, batch-file benchmark); decomposing every field, before that, was 6 %.
     */
    private static void appendText(StringBuilder b, String value, int width) {
        int n = Math.min(value.length(), width);
        if (isPrintableAscii(value, n)) {
            b.append(value, 0, n);
        } else {
            String ascii = withoutMarks(value);
            n = Math.min(ascii.length(), width);
            for (int i = 0; i < n; i++) {
                char c = ascii.charAt(i);
                b.append(c >= 0x20 && c < 0x7f ? c : ' ');
            }
        }
        b.append(SPACES, 0, width - n);
    }

    private static boolean isPrintableAscii(String value, int length) {
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String withoutMarks(String value) {
        return COMBINING_MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("");
    }

    static String number(long value, int width) {
        StringBuilder b = new StringBuilder(width);
        appendNumber(b, value, width);
        return b.toString();
    }

    private static void appendNumber(StringBuilder b, long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("posting file numbers are unsigned: " + value);
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        if (digits > width) {
            throw new IllegalArgumentException(value + " does not fit " + width + " digits");
        }
        b.append(ZEROS, 0, width - digits).append(value);
    }

    private static String pad(StringBuilder b) {
        if (b.length() > WIDTH) {
            throw new IllegalStateException("record longer than " + WIDTH);
        }
        return b.append(SPACES, 0, WIDTH - b.length()).toString();
    }
}
