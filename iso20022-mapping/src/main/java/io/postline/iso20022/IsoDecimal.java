package io.postline.iso20022;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Fits a decimal into an ISO 20022 decimal type's totalDigits / fractionDigits facets. */
public final class IsoDecimal {
    private IsoDecimal() {
    }

    /**
     * Rounds (HALF_EVEN) to as many fraction digits as the facets leave room for, without trailing zeros.
     *
     * @throws IllegalArgumentException if the integer part alone has more than {@code totalDigits} digits
     */
    public static BigDecimal fit(BigDecimal value, int totalDigits, int fractionDigits) {
        int integerDigits = Math.max(1, value.precision() - value.scale());
        if (integerDigits > totalDigits) {
            throw new IllegalArgumentException(value.toPlainString() + " has more than " + totalDigits + " digits");
        }
        BigDecimal fitted = value.setScale(Math.min(fractionDigits, totalDigits - integerDigits), RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return fitted.scale() < 0 ? fitted.setScale(0) : fitted;
    }
}
