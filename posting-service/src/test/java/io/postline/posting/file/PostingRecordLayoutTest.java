package io.postline.posting.file;

import static org.assertj.core.api.Assertions.assertThat;

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
