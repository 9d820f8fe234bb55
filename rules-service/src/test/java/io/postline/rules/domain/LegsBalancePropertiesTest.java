package io.postline.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AccountRef;
import io.postline.events.EntrySide;
import io.postline.events.FxConversion;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.PostingLeg;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionEnriched;
import io.postline.events.TransactionType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Legs always balance per currency: for generated transactions, under every default rule's template. */
class LegsBalancePropertiesTest {
    private static final RuleSet RULES = DefaultRuleSet.compiled();
    private static final List<String> CURRENCIES = List.of("GBP", "EUR", "JPY", "BHD", "KWD", "USD");

    @Property(tries = 2000)
    void everyPostTemplateOfTheDefaultSetBalances(@ForAll("transactions") TransactionEnriched tx) {
        for (RuleSet.Rule rule : RULES.rules()) {
            if (rule.outcome() instanceof RuleSet.Outcome.Post post) {
                assertBalanced(PostingPlanner.legs(tx, post.template(), UUID.randomUUID(), "1", rule.id()));
            }
        }
    }

    @Property(tries = 2000)
    void whateverTheDefaultSetDecidesIsBalancedOrNotPosted(@ForAll("transactions") TransactionEnriched tx) {
        RuleEngine.Decision d = RuleEngine.decide(RULES, RuleFacts.of(tx));
        if (d.outcome() instanceof RuleSet.Outcome.Post post) {
            List<PostingLeg> legs = PostingPlanner.legs(tx, post.template(), UUID.randomUUID(), "1", d.decisiveId());
            assertBalanced(legs);
            assertThat(legs).allSatisfy(l -> assertThat(l.ruleId()).isEqualTo(d.decisiveId()));
        } else {
            assertThat(d.decisive()).as("only a rule holds or rejects").isNotNull();
        }
    }

    private static void assertBalanced(List<PostingLeg> legs) {
        Map<String, Long> net = new HashMap<>();
        for (PostingLeg l : legs) {
            net.merge(l.amount().currency(), l.side() == EntrySide.DEBIT ? l.amount().amountMinor()
                    : -l.amount().amountMinor(), Long::sum);
            assertThat(l.amount().amountMinor()).isPositive();
            assertThat(l.legCount()).isEqualTo(legs.size());
        }
        assertThat(net.values()).allSatisfy(v -> assertThat(v).isZero());
        assertThat(legs).extracting(PostingLeg::legIndex).doesNotHaveDuplicates().allMatch(i -> i < legs.size());
        assertThat(legs.stream().map(PostingLeg::postingSequenceId).distinct()).hasSize(1);
    }

    @Provide
    Arbitrary<TransactionEnriched> transactions() {
        Arbitrary<String> accountCcy = Arbitraries.of(CURRENCIES);
        Arbitrary<String> txCcy = Arbitraries.of(CURRENCIES);
        Arbitrary<Long> minor = Arbitraries.longs().between(1, 5_000_000_000L);
        Arbitrary<BigDecimal> rate = Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("500"))
                .ofScale(8);
        Arbitrary<TransactionType> type = Arbitraries.of(TransactionType.class);
        Arbitrary<String> mcc = Arbitraries.of("5812", "5411", "6011", "7995", "4829", "5999");
        Arbitrary<String> issuer = Arbitraries.of("GB", "IE", "DE").injectNull(0.1);
        Arbitrary<String> status = Arbitraries.of("OPEN", "OPEN", "BLOCKED");
        return Combinators.combine(accountCcy, txCcy, minor, rate, type, mcc, issuer, status)
                .as(LegsBalancePropertiesTest::transaction).filter(t -> t != null);
    }

    static TransactionEnriched transaction(String accountCcy, String txCcy, long minor, BigDecimal rate,
                                           TransactionType type, String mcc, String issuer, String status) {
        Money amount = new Money(minor, txCcy);
        FxConversion fx = null;
        Money posting = amount;
        if (!txCcy.equals(accountCcy)) {
            BigDecimal exact = amount.toDecimal().multiply(rate);
            BigDecimal rounded = exact.setScale(Money.exponentOf(accountCcy), RoundingMode.HALF_EVEN);
            if (rounded.signum() <= 0) {
                return null;
            }
            posting = Money.of(rounded, accountCcy);
            fx = new FxConversion(amount, posting, rate, "GEN", Instant.EPOCH, "HALF_EVEN", exact.subtract(rounded));
        }
        StandardizedTransaction t = new StandardizedTransaction("P-1", "m", "src", "CTK000001", "1",
                new Merchant("M", "Shop", mcc, "Town", "GB"), amount, null, "000001", "000000000001", "A1B2C3",
                Instant.EPOCH, null, null, type);
        return new TransactionEnriched("P-1", t, new AccountRef("41000001", null, "20-32-06", "Leeds", accountCcy,
                status, "Holder", "PERSONAL", "RETAIL", "CURRENT", "DEBIT_BALANCE"), posting, fx, "Shop, Town", issuer,
                null);
    }
}
