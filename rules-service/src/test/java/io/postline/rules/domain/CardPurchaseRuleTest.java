package io.postline.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AccountRef;
import io.postline.events.EntrySide;
import io.postline.events.Money;
import io.postline.events.PostingLeg;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import io.postline.events.TransactionEnriched;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CardPurchaseRuleTest {
    private static final String[] CURRENCIES = {"GBP", "JPY", "BHD", "EUR"};

    @Test
    void legsAlwaysBalancePerCurrencyAndShareOneSequence() {
        Random random = new Random(2026);
        TransactionEnriched base = (TransactionEnriched) SampleEvents.of(Topic.TRANSACTION_ENRICHED);
        for (int i = 0; i < 5_000; i++) {
            String ccy = CURRENCIES[random.nextInt(CURRENCIES.length)];
            Money amount = new Money(1 + (long) (random.nextDouble() * 1_000_000_000L), ccy);
            TransactionEnriched tx = new TransactionEnriched(base.authorizationId(), base.transaction(),
                    new AccountRef("41000001", "20-32-01", ccy, "Holder", "CURRENT"), amount, null, "Shop, Town", null, null);
            UUID sequence = UUID.randomUUID();

            List<PostingLeg> legs = CardPurchaseRule.legs(tx, sequence);

            long net = legs.stream().mapToLong(l -> l.side() == EntrySide.DEBIT ? l.amount().amountMinor()
                    : -l.amount().amountMinor()).sum();
            assertThat(net).isZero();
            assertThat(legs).allSatisfy(l -> {
                assertThat(l.postingSequenceId()).isEqualTo(sequence);
                assertThat(l.legCount()).isEqualTo(legs.size());
                assertThat(l.amount().currency()).isEqualTo(ccy);
            });
            assertThat(legs).extracting(PostingLeg::legIndex).containsExactly(0, 1);
        }
    }

    @Test
    void theCardholderIsDebitedAndTheSettlementAccountOfTheCurrencyCredited() {
        TransactionEnriched tx = (TransactionEnriched) SampleEvents.of(Topic.TRANSACTION_ENRICHED);
        List<PostingLeg> legs = CardPurchaseRule.legs(tx, UUID.randomUUID());
        assertThat(legs.get(0).accountNumber()).isEqualTo(tx.account().accountNumber());
        assertThat(legs.get(0).side()).isEqualTo(EntrySide.DEBIT);
        assertThat(legs.get(1).accountNumber()).isEqualTo("GL-CARD-SETTLEMENT-GBP");
        assertThat(legs.get(1).side()).isEqualTo(EntrySide.CREDIT);
        assertThat(legs).allSatisfy(l -> assertThat(l.authorizedAmount()).isEqualTo(tx.transaction().amount()));
    }
}
