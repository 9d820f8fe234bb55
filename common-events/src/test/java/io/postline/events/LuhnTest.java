package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LuhnTest {

    @ParameterizedTest
    @CsvSource({"79927398713, true", "4111111111111111, true", "378282246310005, true", "6011111111111117, true",
            "79927398710, false", "4111111111111112, false", "378282246310006, false", "0, true", "1, false"})
    void knownNumbersPassOrFail(String number, boolean valid) {
        assertThat(Luhn.valid(number, 0, number.length())).isEqualTo(valid);
    }

    @Test
    void onlyTheDigitsInTheGivenRangeCount() {
        String framed = "99" + "4111111111111111" + "12";

        assertThat(Luhn.valid(framed, 2, 16)).isTrue();
        assertThat(Luhn.valid(framed, 0, framed.length())).isFalse();
        assertThat(Luhn.valid(framed, 3, 16)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"7992739871, 3", "411111111111111, 1", "37828224631000, 5", "601111111111111, 7", "0, 0"})
    void theCheckDigitOfKnownBodies(String body, int digit) {
        assertThat(Luhn.checkDigit(body)).isEqualTo(digit);
    }

    @Test
    void ofTheTenDigitsThatCanEndABodyExactlyTheCheckDigitPasses() {
        Random random = new Random(20261207);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder body = new StringBuilder();
            for (int length = 1 + random.nextInt(19); body.length() < length; ) {
                body.append((char) ('0' + random.nextInt(10)));
            }
            int checkDigit = Luhn.checkDigit(body);
            for (int digit = 0; digit <= 9; digit++) {
                String number = body.toString() + digit;
                assertThat(Luhn.valid(number, 0, number.length())).as(number).isEqualTo(digit == checkDigit);
            }
        }
    }
}
