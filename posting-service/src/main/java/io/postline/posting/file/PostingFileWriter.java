package io.postline.posting.file;

import io.postline.posting.file.PostingRecordLayout.Detail;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Assembles header, details and trailer into one posting input: a file for a batch window, or the block of
 * one journal entry for a real-time source. Records end with a line feed.
 */
public final class PostingFileWriter {
    private static final long HASH_MODULUS = 1_000_000_000_000_000_000L;

    private PostingFileWriter() {
    }

    public static String write(String batchId, LocalDate businessDate, String sourceId, LocalDateTime createdUtc,
                               List<Detail> details) {
        return assemble(batchId, businessDate, sourceId, createdUtc,
                details.stream().map(PostingRecordLayout::detail).toList());
    }

    /** Wraps detail records already formatted (as stored for a batch window) in a header and trailer. */
    public static String assemble(String batchId, LocalDate businessDate, String sourceId, LocalDateTime createdUtc,
                                  List<String> detailRecords) {
        StringBuilder out = new StringBuilder((detailRecords.size() + 2) * (PostingRecordLayout.WIDTH + 1));
        out.append(PostingRecordLayout.header(batchId, businessDate, sourceId, createdUtc)).append('\n');
        long debits = 0;
        long credits = 0;
        for (String d : detailRecords) {
            out.append(d).append('\n');
            long amount = PostingRecordLayout.amountOf(d);
            // Hash totals are control sums modulo 10^18 (the field's width), so they never overflow.
            if (PostingRecordLayout.isDebit(d)) {
                debits = (debits + amount) % HASH_MODULUS;
            } else {
                credits = (credits + amount) % HASH_MODULUS;
            }
        }
        out.append(PostingRecordLayout.trailer(detailRecords.size(), debits, credits)).append('\n');
        return out.toString();
    }
}
