package io.postline.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.EntrySide;
import io.postline.events.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Camt054WriterTest {
    static final String XSD = "camt.054.001.08.xsd";


    @Test
    void everyNotificationOfAVariedCorpusValidatesAgainstTheOfficialSchema() {
        for (CardEntryNotice n : IsoCorpus.cardEntries(1000, 11)) {
            Iso20022Schemas.validate(XSD, Camt054Writer.write(n));
        }
    }

    @Test
    void anEntryIsBookedAsACardPointOfSalePaymentWithTheTokenAndFxDetails() {
        CardEntryNotice n = IsoCorpus.cardEntries(1, 5).getFirst();
        String doc = Camt054Writer.write(n);
        assertThat(doc).contains("<Sts><Cd>BOOK</Cd></Sts>")
                .contains("<Domn><Cd>PMNT</Cd><Fmly><Cd>CCRD</Cd><SubFmlyCd>POSD</SubFmlyCd></Fmly></Domn>")
                .contains("<AddtlCardData>TKN:" + n.cardToken() + "</AddtlCardData>")
                .contains("<CdtDbtInd>" + (n.side() == EntrySide.CREDIT ? "CRDT" : "DBIT") + "</CdtDbtInd>")
                .contains("<SrcCcy>" + n.originalAmount().currency() + "</SrcCcy>")
                .contains("<TrgtCcy>" + n.amount().currency() + "</TrgtCcy>")
                .contains("<Amt Ccy=\"" + n.amount().currency() + "\">" + n.amount().toDecimal().toPlainString() + "</Amt>")
                .doesNotContain("<PAN>");
    }

    @Test
    void ratesAreFittedToTheSchemasDigits() {
        assertThat(IsoDecimal.fit(new BigDecimal("0.123456789012345"), 11, 10).toPlainString()).isEqualTo("0.123456789");
        assertThat(IsoDecimal.fit(new BigDecimal("123.456789012345"), 11, 10).toPlainString()).isEqualTo("123.45678901");
        assertThat(IsoDecimal.fit(new BigDecimal("1.50000"), 25, 13).toPlainString()).isEqualTo("1.5");
        assertThat(IsoDecimal.fit(new BigDecimal("1200"), 11, 10).toPlainString()).isEqualTo("1200");
    }
}
