package io.postline.posting.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The text fields of a record: printable ASCII of a fixed width, whatever the source held. */
class PostingRecordLayoutTest {

    @Test
    void asciiTextIsPaddedOrCutToTheWidth() {
        assertThat(PostingRecordLayout.text("GL-CARD", 10)).isEqualTo("GL-CARD   ");
        assertThat(PostingRecordLayout.text("SW-20261120-000042", 8)).isEqualTo("SW-20261");
        assertThat(PostingRecordLayout.text("", 3)).isEqualTo("   ");
    }

    @Test
    void onlyTheCharactersThatFitDecideHowTheTextIsWritten() {
        assertThat(PostingRecordLayout.text("Shop 71, Zürich", 8)).isEqualTo("Shop 71,");
        assertThat(PostingRecordLayout.text("Shop 71, Zürich", 15)).isEqualTo("Shop 71, Zurich");
        assertThat(PostingRecordLayout.text("Shop\u00a0Zürich", 8)).as("a no-break space").isEqualTo("Shop Zur");
    }

    @Test
    void numbersAreZeroPaddedToTheirWidthAndEveryDigitCounts() {
        assertThat(PostingRecordLayout.number(0, 3)).isEqualTo("000");
        assertThat(PostingRecordLayout.number(13_644, 15)).isEqualTo("000000000013644");
        assertThat(PostingRecordLayout.number(999, 3)).isEqualTo("999");
        // Eighteen nines are 1e18 as a double: a digit count through floating point would refuse them.
        assertThat(PostingRecordLayout.number(999_999_999_999_999_999L, 18)).isEqualTo("9".repeat(18));
        assertThatThrownBy(() -> PostingRecordLayout.number(1000, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostingRecordLayout.number(1_000_000_000_000_000_000L, 18))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostingRecordLayout.number(Long.MAX_VALUE, 18))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void controlCharactersBecomeSpaces() {
        assertThat(PostingRecordLayout.text("a\tb\nc\u007fd", 8)).isEqualTo("a b c d ");
    }

    @Test
    void accentsAreDroppedAndWhatHasNoAsciiFormBecomesASpace() {
        assertThat(PostingRecordLayout.text("Café Ōsaka", 12)).isEqualTo("Cafe Osaka  ");
        assertThat(PostingRecordLayout.text("Cafe\u0301", 5)).as("an accent already decomposed").isEqualTo("Cafe ");
        assertThat(PostingRecordLayout.text("Straße 東京", 10)).isEqualTo("Stra e    ");
    }

    @Test
    void theWidthCountsCharactersAfterTheAccentsAreDropped() {
        assertThat(PostingRecordLayout.text("e\u0301e\u0301e\u0301x", 4)).isEqualTo("eeex");
    }
}
