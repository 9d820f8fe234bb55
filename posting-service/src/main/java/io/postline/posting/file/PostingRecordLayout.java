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

    private PostingRecordLayout() {
    }

    /** H: batch id, business date, source, creation time (UTC), format version. */
    public static String header(String batchId, LocalDate businessDate, String sourceId, LocalDateTime createdUtc) {
        return pad(new StringBuilder(WIDTH).append('H').append(text(batchId, 36)).append(businessDate.format(DATE))
                .append(text(sourceId, 32)).append(createdUtc.format(STAMP)).append(FORMAT_VERSION));
    }

    /** D: one journal line. */
    public static String detail(Detail d) {
        return pad(new StringBuilder(WIDTH).append('D').append(text(d.accountNumber(), 34))
                .append(text(d.sortCode() == null ? "" : d.sortCode().replace("-", ""), 6))
                .append(d.side() == EntrySide.DEBIT ? 'D' : 'C').append(number(d.amountMinor(), 15))
                .append(text(d.currency(), 3)).append(text(d.narrative(), 35))
                .append(text(d.sequenceId().toString(), 36)).append(number(d.legIndex(), 3))
                .append(entryCode(d.entryType())));
    }

    /**
     * T: number of detail records and the hash totals of their debit and credit amounts, each total after
     * its letter (D, C) so that the three numbers never run together into one long digit string.
     */
    public static String trailer(long details, long debitHash, long creditHash) {
        return pad(new StringBuilder(WIDTH).append('T').append(number(details, 9))
                .append('D').append(number(Math.floorMod(debitHash, HASH_MODULUS), 18))
                .append('C').append(number(Math.floorMod(creditHash, HASH_MODULUS), 18)));
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
        String ascii = isAscii(value) ? value : withoutMarks(value);
        StringBuilder b = new StringBuilder(width);
        for (int i = 0; i < ascii.length() && b.length() < width; i++) {
            char c = ascii.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    // Most fields are ASCII already, and decomposing them changes nothing; normalizing and matching every field
    // of every line was 6 % of the services' CPU while posting drained its backlog (JFR, batch-file benchmark).
    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String withoutMarks(String value) {
        return COMBINING_MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("");
    }

    static String number(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("posting file numbers are unsigned: " + value);
        }
        String digits = Long.toString(value);
        if (digits.length() > width) {
            throw new IllegalArgumentException(value + " does not fit " + width + " digits");
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    private static String pad(StringBuilder b) {
        if (b.length() > WIDTH) {
            throw new IllegalStateException("record longer than " + WIDTH);
        }
        while (b.length() < WIDTH) {
            b.append(' ');
        }
        return b.toString();
    }
}
