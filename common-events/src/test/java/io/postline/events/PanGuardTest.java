package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PanGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
            "4111 1111 1111 1111", "4111-1111-1111-1111", "card 4111111111111111 used", "ref0004111111111111111",
            "4222222222222", "6304000000000000000", "2221000000000009", "40116041000007", "{\"iban\":\"GB66PSTL40116041000007\"}"})
    void aLuhnValidRunOf13To19DigitsIsFound(String value) {
        assertThat(PanGuard.containsPan(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "632410004217", "CTK000042", "Corner Coffee", "123456789012",
            "GB29PSTL20000010000001", "GB82 WEST 1234 5698 7654 32", "2026-11-20T10:15:30Z", "GB65PSTL40116041000007", "{\"iban\":\"GB65PSTL40116041000007\",\"n\":1}", "1234-5678",
            "ce_id=12345678-4111-1111-1111-111111111111", "MsgId 4c4ef690238e5c47a0eb411111111111",
            "T000000002D000000000000003723C000000000000003723",
            "H531da396-ec7f-5519-a1cd-45049189194120261122pos-switch",
            "9b1d7c3e-5f4a-5b2c-8d6e-0a1b2c3d4e5f000P", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "000000000003723", "20261120194211", "20000010000004",
            "411111111111"})
    void ordinaryValuesAndValidIbansAreNot(String value) {
        assertThat(PanGuard.containsPan(value)).isFalse();
    }

    @Test
    void aTraceContextWhoseSpanIdIsAllDigitsIsAnIdNotACardNumber() {
        String spanLikeACard = "4111111111111111";
        assertThat(PanGuard.containsPan(spanLikeACard)).isTrue();
        assertThat(PanGuard.containsPan(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-" + spanLikeACard + "-01")).isFalse();
        assertThat(PanGuard.containsPan(
                "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"" + spanLikeACard + "\"}")).isFalse();
        assertThat(PanGuard.containsPan("card " + spanLikeACard + " on file")).isTrue();
    }

    /**
     * The quick digit-run test in front of the full scan never turns a value away that the full scan would
     * flag: checked on generated values rich in digits, separators, hex letters and embedded cards, IBANs,
     * UUIDs and trace contexts (seeded, so a failure repeats).
     */
    @Test
    void theQuickDigitRunTestNeverHidesACardTheFullScanFinds() {
        Random random = new Random(20261204);
        String[] pieces = {"4111111111111111", "4111 1111 1111 1111", "5555-5555-5555-4444", "GB66PSTL40116041000007",
                "GB65PSTL40116041000007", "12345678-4111-1111-1111-111111111111",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-4111111111111111-01", "\"spanId\":\"4111111111111111\"",
                "2026-11-20T10:15:30Z", "378282246310005", "\u0663\u0663"};
        String alphabet = "0123456789012345678901234567890123456789 --abcdefABCDEFXYZ\":,T";
        int flagged = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder v = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                if (random.nextInt(4) == 0) {
                    v.append(pieces[random.nextInt(pieces.length)]);
                } else {
                    for (int k = random.nextInt(20); k > 0; k--) {
                        v.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
            }
            String value = v.toString();
            boolean full = PanGuard.scan(value);
            if (full) {
                flagged++;
            }
            assertThat(PanGuard.containsPan(value)).as("containsPan(%s)", value).isEqualTo(full);
        }
        assertThat(flagged).as("values the full scan flagged: the test exercised both answers").isGreaterThan(1_000);
    }
}
