package io.postline.ingest.domain;

import io.postline.events.PanGuard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EdgeTokenizerTest {
    static final byte[] KEY_1 = HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    static final byte[] KEY_2 = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f1011121314151617");
    static final EdgeTokenizer V1 = new EdgeTokenizer(Map.of(1, KEY_1), 1, new byte[0]);
    static final EdgeTokenizer V2 = new EdgeTokenizer(Map.of(1, KEY_1, 2, KEY_2), 2, new byte[0]);

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "4222222222222",
            "6304000000000000000"})
    void aTokenKeepsTheLengthFailsLuhnCarriesItsKeyVersionAndGivesThePanBack(String pan) {
        String token = V1.tokenize(pan);

        assertThat(token).hasSameSizeAs(pan).matches("[0-9]+").isNotEqualTo(pan);
        assertThat(PanGuard.containsPan(token)).isFalse();
        assertThat(EdgeTokenizer.versionOf(token)).isEqualTo(1);
        assertThat(V1.detokenize(token)).isEqualTo(pan);
        assertThat(V1.tokenize(pan)).isEqualTo(token); // deterministic: dedup still recognises the card
    }

    @Test
    void tokensOfAnOlderKeyStillResolveAfterARotation() {
        String old = V1.tokenize("4111111111111111");
        String current = V2.tokenize("4111111111111111");

        assertThat(EdgeTokenizer.versionOf(current)).isEqualTo(2);
        assertThat(current).isNotEqualTo(old);
        assertThat(V2.detokenize(old)).isEqualTo("4111111111111111");
        assertThat(V2.detokenize(current)).isEqualTo("4111111111111111");
    }

    @Test
    void maskingShowsAtMostTheFirstSixAndLastFour() {
        assertThat(EdgeTokenizer.mask("4111111111111111")).isEqualTo("411111******1111");
        assertThat(EdgeTokenizer.mask("4222222222222")).isEqualTo("422222***2222");
    }

    @Test
    void badKeysAndNonPansAreRefused() {
        assertThatThrownBy(() -> new EdgeTokenizer(Map.of(9, KEY_1), 9, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EdgeTokenizer(Map.of(1, new byte[5]), 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> V1.tokenize("4111111111111112")).isInstanceOf(IllegalArgumentException.class);
    }
}
