package io.postline.rules.domain;

import io.postline.events.EntrySide;
import io.postline.events.LegRole;
import io.postline.events.PostingContext;
import io.postline.events.Money;
import io.postline.events.PostingLeg;
import io.postline.events.TransactionEnriched;
import io.postline.rules.domain.RuleSet.Direction;
import io.postline.rules.domain.RuleSet.Fee;
import io.postline.rules.domain.RuleSet.PostingTemplate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a posting template into the legs of one sequence. Every leg is in the account currency and the
 * cardholder leg is the sum of the others (or they of it), so the legs balance by construction:
 * <pre>
 *   cardholder  = principal + fees + rounding        (DEBIT template; mirrored for CREDIT)
 *   counter     = principal
 *   fee i       = round(exact principal x percent_i), at least minimum_i
 *   rounding    = round(exact principal + exact fees) - (principal + rounded fees), only with fxRounding
 * </pre>
 * A rounding of zero and fees that round to zero are not posted.
 */
public final class PostingPlanner {
    private PostingPlanner() {
    }

    public static List<PostingLeg> legs(TransactionEnriched tx, PostingTemplate template, UUID sequenceId,
                                        String ruleSetVersion, String ruleId) {
        String ccy = tx.postingAmount().currency();
        int exponent = Money.exponentOf(ccy);
        long principal = tx.postingAmount().amountMinor();
        BigDecimal exactPrincipal = tx.fx() == null ? tx.postingAmount().toDecimal()
                : tx.fx().converted().toDecimal().add(tx.fx().roundingDifference());

        record Part(String account, long minor, boolean sameSideAsCardholder, LegRole role) {
        }
        List<Part> others = new ArrayList<>();
        others.add(new Part(account(template.counterAccount(), ccy), principal, false, LegRole.COUNTERPARTY));
        BigDecimal exactTotal = exactPrincipal;
        long roundedTotal = principal;
        for (Fee fee : template.fees()) {
            BigDecimal exactFee = exactPrincipal.multiply(fee.percent()).movePointLeft(2);
            if (fee.minimum() != null && exactFee.compareTo(fee.minimum()) < 0) {
                exactFee = fee.minimum();
            }
            long feeMinor = exactFee.setScale(exponent, RoundingMode.HALF_EVEN).movePointRight(exponent).longValueExact();
            exactTotal = exactTotal.add(exactFee);
            roundedTotal += feeMinor;
            if (feeMinor > 0) {
                others.add(new Part(account(fee.account(), ccy), feeMinor, false, LegRole.FEE));
            }
        }
        long rounding = 0;
        if (template.fxRounding() && tx.fx() != null) {
            rounding = exactTotal.setScale(exponent, RoundingMode.HALF_EVEN).movePointRight(exponent).longValueExact()
                    - roundedTotal;
            if (rounding != 0) {
                others.add(new Part(account("GL-FX-ROUNDING-{currency}", ccy), Math.abs(rounding), rounding < 0,
                        LegRole.FX_ROUNDING));
            }
        }
        long cardholder = roundedTotal + rounding;

        EntrySide cardholderSide = template.cardholder() == Direction.DEBIT ? EntrySide.DEBIT : EntrySide.CREDIT;
        EntrySide otherSide = cardholderSide == EntrySide.DEBIT ? EntrySide.CREDIT : EntrySide.DEBIT;
        int count = 1 + others.size();
        List<PostingLeg> legs = new ArrayList<>(count);
        PostingContext context = context(tx);
        legs.add(leg(tx, sequenceId, 0, count, tx.account().accountNumber(), tx.account().sortCode(), cardholderSide,
                cardholder, ccy, tx.description(), ruleSetVersion, ruleId, LegRole.CARDHOLDER, context));
        for (int i = 0; i < others.size(); i++) {
            Part p = others.get(i);
            legs.add(leg(tx, sequenceId, i + 1, count, p.account(), null,
                    p.sameSideAsCardholder() ? cardholderSide : otherSide, p.minor(), ccy,
                    ruleId + " " + tx.authorizationId(), ruleSetVersion, ruleId, p.role(), context));
        }
        return legs;
    }

    private static PostingLeg leg(TransactionEnriched tx, UUID sequence, int index, int count, String account,
                                  String sortCode, EntrySide side, long minor, String ccy, String narrative,
                                  String version, String ruleId, LegRole role, PostingContext context) {
        return new PostingLeg(tx.authorizationId(), sequence, index, count, account, sortCode, side,
                new Money(minor, ccy), narrative.length() > 140 ? narrative.substring(0, 140) : narrative,
                tx.transaction().amount(), version, ruleId, role, context);
    }

    /** The card transaction's facts every leg carries for the bank's posting input and camt.054. */
    static PostingContext context(TransactionEnriched tx) {
        var t = tx.transaction();
        boolean converted = tx.fx() != null && !tx.fx().original().currency().equals(tx.fx().converted().currency());
        return new PostingContext(t.sourceId() == null ? "unknown" : t.sourceId(), t.cardToken(), t.rrn(),
                t.transmissionTime(), t.amount(), converted ? tx.fx().rate() : null);
    }

    static String account(String pattern, String currency) {
        return pattern.replace("{currency}", currency);
    }
}
