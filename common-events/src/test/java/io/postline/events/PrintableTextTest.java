package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Corner Coffee", "Café Zürich", "Ølstue & Co. <3", "東京 ラーメン", "Pizza \uD83C\uDF55",
            "\u00A0non-break", "\uFFFD", "~"})
    void textInAnyScriptWithSymbolsAndPairedSurrogatesIsPrintable(String text) {
        assertThat(PrintableText.isPrintable(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "bell\u0007", "line\nbreak", "tab\there", "cr\r", "\u001F", "del\u007F",
            "c1\u0080", "nel\u0085", "\u009F", "\uFFFE", "x\uFFFF", "lone \uD83C high", "lone \uDF55 low", "end\uD83C"})
    void controlCharactersNonCharactersAndLoneSurrogatesAreNot(String text) {
        assertThat(PrintableText.isPrintable(text)).isFalse();
    }
}
