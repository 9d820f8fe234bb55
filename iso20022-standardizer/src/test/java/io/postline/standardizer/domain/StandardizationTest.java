package io.postline.standardizer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AuthorizationReceived;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.TransactionStandardized;
import io.postline.iso20022.Cain001Parser;
import io.postline.iso20022.Iso20022Schemas;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardizationTest {

    static AuthorizationReceived authorization(Money amount, Money billing, String lifecycleId) {
        return new AuthorizationReceived("STD-1", "pos-switch", "CTK000042", "40001234",
                new Merchant("M-1", "Le Petit Bistro", "5812", "Paris", "FR"), amount, billing, "004217", "632410004217",
                "Z7Q9K2", Instant.parse("2026-11-20T19:42:11Z"), Instant.parse("2026-11-20T19:42:11.184Z"), lifecycleId, null);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "4380,EUR,3723,GBP,0.85,MCC000123456789",
            "1250,GBP,-,-,-,-",
            "1500,JPY,9,GBP,0.00006,-",
            "1250,BHD,2680,GBP,21.44,-",
            "300,GBP,100000,JPY,33333.3333333333333,-"})
    void theDocumentAndTheProjectionAgreeAndTheBillingRateIsTheEffectiveOne(long minor, String ccy, Long billingMinor,
                                                                          String billingCcy, String rate, String lifecycle) {
        Money billing = billingMinor == null ? null : new Money(billingMinor, billingCcy);
        TransactionStandardized s = Standardization.of(authorization(new Money(minor, ccy), billing, lifecycle),
                "0123456789abcdef0123456789abcdef", Instant.now());

        Iso20022Schemas.validate("cain.001.001.04.xsd", s.document());
        assertThat(Cain001Parser.parse(s.document())).isEqualTo(s.transaction());
        assertThat(s.transaction().lifecycleId()).isEqualTo(lifecycle);
        if (rate == null) {
            assertThat(s.transaction().billingExchangeRate()).isNull();
        } else {
            assertThat(s.transaction().billingExchangeRate().toPlainString()).isEqualTo(rate);
        }
    }
}
