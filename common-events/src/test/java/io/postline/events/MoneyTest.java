package io.postline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"JPY,0,1250,1250", "GBP,2,1250,12.50", "BHD,3,1250,1.250", "EUR,2,5,0.05"})
    void theScaleComesFromTheCurrencyExponent(String currency, int exponent, long minor, String decimal) {
        Money m = new Money(minor, currency);
        assertThat(Money.exponentOf(currency)).isEqualTo(exponent);
        assertThat(m.toDecimal()).isEqualByComparingTo(decimal);
        assertThat(Money.of(new BigDecimal(decimal), currency)).isEqualTo(m);
    }

    @ParameterizedTest
    @CsvSource({"GBP,826", "JPY,392", "BHD,048", "EUR,978"})
    void numericCodesAreThreeDigits(String currency, String numeric) {
        assertThat(new Money(1, currency).numericCurrency()).isEqualTo(numeric);
    }

    @ParameterizedTest
    @CsvSource({"XYZ", "gbp", "XXX", "''"})
    void codesThatAreNotPaymentCurrenciesAreRejected(String currency) {
        assertThatThrownBy(() -> new Money(1, currency)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"12.345,GBP", "1.5,JPY"})
    void moreDigitsThanTheCurrencyHasAreNeverRoundedSilently(String decimal, String currency) {
        assertThatThrownBy(() -> Money.of(new BigDecimal(decimal), currency)).isInstanceOf(ArithmeticException.class);
    }
}
