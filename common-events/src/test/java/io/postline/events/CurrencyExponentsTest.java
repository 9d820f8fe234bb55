package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CurrencyExponentsTest {

    /** Every three-letter code, asked twice (the second answer comes from the table), answers as Currency does. */
    @Test
    void everyThreeLetterCodeAnswersAsTheJdkDoesFirstAndSecondTime() {
        int currencies = 0;
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                for (char c = 'A'; c <= 'Z'; c++) {
                    String code = "" + a + b + c;
                    Integer expected = jdkDigits(code);
                    for (int time = 0; time < 2; time++) {
                        if (expected == null) {
                            assertThatThrownBy(() -> CurrencyExponents.of(code))
                                    .as(code).isInstanceOf(IllegalArgumentException.class);
                        } else {
                            assertThat(CurrencyExponents.of(code)).as(code).isEqualTo(expected);
                        }
                    }
                    currencies += expected == null ? 0 : 1;
                }
            }
        }
        assertThat(currencies).as("codes the JDK knows").isGreaterThan(150);
    }

    @ParameterizedTest
    @CsvSource({"gbp", "GB", "GBPX", "GB1", "Gbp", "''", "ÄBC"})
    void anythingButThreeUpperCaseLettersIsRefusedAsTheJdkRefusesIt(String code) {
        assertThatThrownBy(() -> CurrencyExponents.of(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noCodeIsANullPointer() {
        assertThatThrownBy(() -> CurrencyExponents.of(null)).isInstanceOf(NullPointerException.class);
    }

    private static Integer jdkDigits(String code) {
        try {
            return Currency.getInstance(code).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
