package io.postline.posting.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postline.events.EntrySide;
import io.postline.events.EntryType;
import io.postline.posting.file.PostingRecordLayout.Detail;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Golden files: the bytes of the posting input may only change together with docs/posting-file.md. */
class PostingFileWriterTest {
    static final UUID SEQ_1 = UUID.fromString("9b1d7c3e-5f4a-5b2c-8d6e-0a1b2c3d4e5f");
    static final UUID SEQ_2 = UUID.fromString("0f8e7d6c-5b4a-5392-8170-6f5e4d3c2b1a");
    static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    static final LocalDateTime CREATED = LocalDateTime.of(2026, 11, 20, 23, 0, 0);

    /** A real-time block: one journal entry (a converted purchase with an FX fee). */
    static String realtimeEntry() {
        return PostingFileWriter.write("4c4ef690-238e-5c47-a0eb-8b472ee6889c", DATE, "pos-switch",
                LocalDateTime.of(2026, 11, 20, 19, 42, 11), List.of(
                        new Detail("41920042", "20-32-06", EntrySide.DEBIT, 3835, "GBP",
                                "Le Petit Bistro, Paris (EUR 43.80)", SEQ_1, 0, EntryType.POSTING),
                        new Detail("GL-CARD-SETTLEMENT-GBP", null, EntrySide.CREDIT, 3723, "GBP",
                                "card-purchase-foreign SW-20261120-000042", SEQ_1, 1, EntryType.POSTING),
                        new Detail("GL-FX-FEE-INCOME-GBP", null, EntrySide.CREDIT, 112, "GBP",
                                "card-purchase-foreign SW-20261120-000042", SEQ_1, 2, EntryType.POSTING)));
    }

    /** A batch window: two entries of a batch source, the second a reversal, with accents and a JPY amount. */
    static String batchFile() {
        return PostingFileWriter.write("e3b0c442-98fc-4c14-9afb-f4c8996fb924", DATE, "acquirer-batch", CREATED,
                List.of(new Detail("41000555", "20-00-00", EntrySide.DEBIT, 12000, "JPY", "Café Ōsaka 東京",
                                SEQ_2, 0, EntryType.POSTING),
                        new Detail("GL-CARD-SETTLEMENT-JPY", null, EntrySide.CREDIT, 12000, "JPY",
                                "card-purchase SW-20261120-000777", SEQ_2, 1, EntryType.POSTING),
                        new Detail("41000555", "20-00-00", EntrySide.CREDIT, 12000, "JPY", "Reversal: Café Ōsaka",
                                SEQ_1, 0, EntryType.REVERSAL),
                        new Detail("GL-CARD-SETTLEMENT-JPY", null, EntrySide.DEBIT, 12000, "JPY",
                                "Reversal: card-purchase SW-20261120-000777", SEQ_1, 1, EntryType.REVERSAL)));
    }

    @Test
    void aRealtimeEntryMatchesItsGoldenFile() throws IOException {
        assertThat(realtimeEntry()).isEqualTo(golden("realtime-entry.pst"));
    }

    @Test
    void aBatchWindowFileMatchesItsGoldenFile() throws IOException {
        assertThat(batchFile()).isEqualTo(golden("batch-window.pst"));
    }

    @Test
    void everyRecordHasTheFixedWidthAndTheTrailerCountsAndHashesTheDetails() {
        List<String> records = batchFile().lines().toList();
        assertThat(records).allSatisfy(r -> assertThat(r).hasSize(PostingRecordLayout.WIDTH)
                .matches("[\\x20-\\x7e]+"));
        assertThat(records.getFirst()).startsWith("H");
        String trailer = records.getLast();
        assertThat(trailer.substring(0, 1)).isEqualTo("T");
        assertThat(Long.parseLong(trailer.substring(1, 10))).isEqualTo(4);
        assertThat(trailer.charAt(10)).isEqualTo('D');
        assertThat(Long.parseLong(trailer.substring(11, 29))).isEqualTo(24000);
        assertThat(trailer.charAt(29)).isEqualTo('C');
        assertThat(Long.parseLong(trailer.substring(30, 48))).isEqualTo(24000);
    }

    @Test
    void theSpecShowsTheGoldenFilesByteForByte() throws IOException {
        Path spec = Path.of(System.getProperty("postline.root", ".."), "docs", "posting-file.md");
        String text = Files.readString(spec);
        assertThat(text).contains("```\n" + golden("realtime-entry.pst") + "```")
                .contains("```\n" + golden("batch-window.pst") + "```");
    }

    @Test
    void valuesThatDoNotFitAreRefusedRatherThanCut() {
        assertThatThrownBy(() -> PostingRecordLayout.number(-1, 15)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostingRecordLayout.number(10_000_000_000_000_000L, 15))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = PostingFileWriterTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
