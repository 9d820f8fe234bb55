package io.postline.enrichment.domain;

import io.postline.events.AccountRef;
import io.postline.events.FxConversion;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionEnriched;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Finds the account a transaction posts to, converts the amount into the account currency and describes
 * it for the statement. Missing or inconsistent reference data is an explicit outcome
 * ({@link Outcome.Held}) with a reason code, never an exception and never a guess.
 */
public final class Enricher {
    /** Every reason code a hold of this stage can carry. */
    public static final java.util.List<String> HELD_REASONS =
            java.util.List.of("UNKNOWN_CARD", "ACCOUNT_CLOSED", "NO_FX_RATE", "AMOUNT_ROUNDS_TO_ZERO");

    private Enricher() {
    }

    public sealed interface Outcome {
        record Enriched(TransactionEnriched event) implements Outcome {
        }

        record Held(String reasonCode, String detail) implements Outcome {
        }
    }

    public static Outcome enrich(StandardizedTransaction tx, ReferenceLookup reference, RoundingMode rounding) {
        var found = reference.card(tx.cardToken());
        if (found.isEmpty()) {
            return new Outcome.Held("UNKNOWN_CARD", "no account is linked to the card token");
        }
        AccountRef account = found.get().account();
        if (account.status().equals("CLOSED")) {
            return new Outcome.Held("ACCOUNT_CLOSED", "account " + account.accountNumber() + " is closed");
        }
        Money amount = tx.amount();
        Money posting = amount;
        FxConversion fx = null;
        if (!account.currency().equals(amount.currency())) {
            var rate = reference.rate(amount.currency(), account.currency(), tx.transmissionTime());
            if (rate.isEmpty()) {
                return new Outcome.Held("NO_FX_RATE", "no FX rate from " + amount.currency() + " to "
                        + account.currency() + " valid at " + tx.transmissionTime());
            }
            fx = convert(amount, account.currency(), rate.get(), rounding);
            posting = fx.converted();
            if (posting.amountMinor() <= 0) {
                return new Outcome.Held("AMOUNT_ROUNDS_TO_ZERO", amount + " converts to less than one minor unit of "
                        + account.currency());
            }
        }
        return new Outcome.Enriched(new TransactionEnriched(tx.authorizationId(), tx, account, posting, fx,
                description(tx, fx), found.get().issuingCountry(),
                reference.merchantCategory(tx.merchant().mcc()).orElse(null)));
    }

    /** Converts at the rate, rounds to the target currency's exponent, and keeps what rounding took off. */
    static FxConversion convert(Money amount, String to, FxRate rate, RoundingMode rounding) {
        BigDecimal exact = amount.toDecimal().multiply(rate.rate());
        BigDecimal rounded = exact.setScale(Money.exponentOf(to), rounding);
        return new FxConversion(amount, Money.of(rounded, to), rate.rate(), rate.source(), rate.validFrom(),
                rounding.name(), exact.subtract(rounded).stripTrailingZeros());
    }

    /** The statement line: merchant and city, and the original amount when converted; at most 140 characters. */
    static String description(StandardizedTransaction tx, FxConversion fx) {
        String d = tx.merchant().name() + ", " + tx.merchant().city()
                + (fx == null ? "" : " (" + tx.amount().currency() + " " + tx.amount().toDecimal().toPlainString() + ")");
        return d.length() <= 140 ? d : d.substring(0, 140);
    }
}
