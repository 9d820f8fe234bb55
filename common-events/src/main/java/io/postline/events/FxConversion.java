package io.postline.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A currency conversion into the account currency, with everything an auditor needs to redo it:
 * the rate, where and when it came from, the rounding applied, and the rounding difference (the exact
 * converted amount minus the rounded one, in major units of the account currency) kept explicit.
 */
public record FxConversion(Money original, Money converted, BigDecimal rate, String rateSource, Instant rateValidFrom,
                           String roundingMode, BigDecimal roundingDifference) {
    public FxConversion {
        Require.present(original, "fx.original");
        Require.present(converted, "fx.converted");
        Require.present(rate, "fx.rate");
        Require.text(rateSource, "fx.rateSource", 35);
        Require.present(rateValidFrom, "fx.rateValidFrom");
        Require.text(roundingMode, "fx.roundingMode", 16);
        Require.present(roundingDifference, "fx.roundingDifference");
    }
}
