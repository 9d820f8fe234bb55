package io.postline.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.EntrySide;
import io.postline.events.FxConversion;
import io.postline.events.Money;
import io.postline.events.PostingLeg;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.events.TransactionEnriched;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostingPlannerTest {
    private static final RuleSet RULES = DefaultRuleSet.compiled();

    static RuleSet.PostingTemplate template(String ruleId) {
        return RULES.rules().stream().filter(r -> r.id().equals(ruleId)).map(r -> ((RuleSet.Outcome.Post) r.outcome()).template())
                .findFirst().orElseThrow();
    }

    static TransactionEnriched enriched(Money posting, FxConversion fx) {
        TransactionEnriched base = (TransactionEnriched) SampleEvents.of(Topic.TRANSACTION_ENRICHED);
        return new TransactionEnriched(base.authorizationId(), base.transaction(), base.account(), posting, fx,
                base.description(), "GB", "Eating Places and Restaurants");
    }

    @Test
    void aDomesticPurchaseIsTwoLegs() {
        List<PostingLeg> legs = PostingPlanner.legs(enriched(new Money(1250, "GBP"), null), template("domestic-purchase"),
                UUID.randomUUID(), "1", "domestic-purchase");
        assertThat(legs).extracting(PostingLeg::accountNumber, PostingLeg::side, l -> l.amount().amountMinor())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10000001", EntrySide.DEBIT, 1250L),
                        org.assertj.core.groups.Tuple.tuple("GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, 1250L));
    }

    @Test
    void aForeignPurchaseAddsTheFxFeeAndARoundingLegWhenSeparateRoundingDrifts() {
        // 43.80 EUR x 0.850999 = 37.2737562 GBP: principal 37.27; fee 2.75 % of the exact amount = 1.02503 -> 1.03;
        // exact total 38.29878 -> 38.30, rounded parts 37.27 + 1.03 = 38.30: no drift here.
        FxConversion fx = new FxConversion(new Money(4380, "EUR"), new Money(3727, "GBP"), new BigDecimal("0.850999"),
                "TEST", SampleEvents.T0, "HALF_EVEN", new BigDecimal("0.0037562"));
        List<PostingLeg> legs = PostingPlanner.legs(enriched(new Money(3727, "GBP"), fx), template("foreign-purchase"),
                UUID.randomUUID(), "1", "foreign-purchase");
        assertThat(legs).extracting(PostingLeg::accountNumber, l -> l.amount().amountMinor()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("10000001", 3830L),
                org.assertj.core.groups.Tuple.tuple("GL-CARD-SETTLEMENT-GBP", 3727L),
                org.assertj.core.groups.Tuple.tuple("GL-FEE-INCOME-FX-GBP", 103L));

        // 10.00 EUR -> exact 8.504 GBP: principal 8.50, fee 0.23386 -> 0.23, exact total 8.73786 -> 8.74:
        // the parts sum to 8.73, so a 0.01 rounding leg is credited and the cardholder pays 8.74.
        FxConversion drift = new FxConversion(new Money(1000, "EUR"), new Money(850, "GBP"), new BigDecimal("0.8504"),
                "TEST", SampleEvents.T0, "HALF_EVEN", new BigDecimal("0.004"));
        List<PostingLeg> drifted = PostingPlanner.legs(enriched(new Money(850, "GBP"), drift), template("foreign-purchase"),
                UUID.randomUUID(), "1", "foreign-purchase");
        assertThat(drifted).extracting(PostingLeg::accountNumber, PostingLeg::side, l -> l.amount().amountMinor())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10000001", EntrySide.DEBIT, 874L),
                        org.assertj.core.groups.Tuple.tuple("GL-CARD-SETTLEMENT-GBP", EntrySide.CREDIT, 850L),
                        org.assertj.core.groups.Tuple.tuple("GL-FEE-INCOME-FX-GBP", EntrySide.CREDIT, 23L),
                        org.assertj.core.groups.Tuple.tuple("GL-FX-ROUNDING-GBP", EntrySide.CREDIT, 1L));
    }

    @Test
    void aCashWithdrawalPaysAtLeastTheMinimumFee() {
        List<PostingLeg> legs = PostingPlanner.legs(enriched(new Money(2000, "GBP"), null), template("cash-withdrawal"),
                UUID.randomUUID(), "1", "cash-withdrawal");
        assertThat(legs).extracting(PostingLeg::accountNumber, l -> l.amount().amountMinor()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("10000001", 2250L),
                org.assertj.core.groups.Tuple.tuple("GL-ATM-SETTLEMENT-GBP", 2000L),
                org.assertj.core.groups.Tuple.tuple("GL-FEE-INCOME-CASH-GBP", 250L));
    }

    @Test
    void aRefundCreditsTheCardholder() {
        List<PostingLeg> legs = PostingPlanner.legs(enriched(new Money(1250, "GBP"), null), template("refund"),
                UUID.randomUUID(), "1", "refund");
        assertThat(legs).extracting(PostingLeg::side).containsExactly(EntrySide.CREDIT, EntrySide.DEBIT);
    }
}
