package io.postline.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A currency conversion into the account currency, with everything an auditor needs to redo it:
 * the rate, where and when it came from, the rounding applied, and the rounding difference
 * (in micro-units of the account currency's minor unit) kept explicit.
 */
public record FxConversion(Money original, Money converted, BigDecimal rate, String rateSource, Instant rateValidFrom,
                           String roundingMode) {
    public FxConversion {
        Require.present(original, "fx.original");
        Require.present(converted, "fx.converted");
        Require.present(rate, "fx.rate");
        Require.text(rateSource, "fx.rateSource", 35);
        Require.present(rateValidFrom, "fx.rateValidFrom");
        Require.text(roundingMode, "fx.roundingMode", 16);
    }
}
