package io.postline.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount on the wire: minor units of an ISO 4217 currency. Never a double; the scale comes from
 * the currency's exponent (JPY 0, GBP 2, BHD 3).
 */
public record Money(long amountMinor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        exponentOf(currency); // rejects codes that are not ISO 4217
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(exponentOf(currency), RoundingMode.UNNECESSARY).unscaledValue().longValueExact(),
                currency);
    }

    /** The number of minor-unit digits of an ISO 4217 currency code. */
    public static int exponentOf(String currency) {
        try {
            int digits = CurrencyExponents.of(currency);
            if (digits < 0) {
                throw new IllegalArgumentException("currency " + currency + " has no minor unit (not a payment currency)");
            }
            return digits;
        } catch (IllegalArgumentException | NullPointerException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("currency ")) {
                throw e;
            }
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + currency);
        }
    }

    /** The ISO 4217 three-digit numeric code, as ISO 20022 card messages want it. */
    public String numericCurrency() {
        return Currency.getInstance(currency).getNumericCodeAsString();
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(amountMinor, exponentOf(currency));
    }

    public Money negate() {
        return new Money(Math.negateExact(amountMinor), currency);
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency;
    }
}
