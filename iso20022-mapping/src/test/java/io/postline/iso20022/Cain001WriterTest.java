package io.postline.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Cain001WriterTest {
    static final String XSD = "cain.001.001.04.xsd";


    @Test
    void everyDocumentOfAVariedCorpusValidatesAgainstTheOfficialSchema() {
        List<StandardizedTransaction> corpus = IsoCorpus.authorizations(1000, 42);
        assertThat(corpus).extracting(t -> Money.exponentOf(t.amount().currency())).contains(0, 2, 3);
        assertThat(corpus).anyMatch(t -> t.billingAmount() != null).anyMatch(t -> t.billingAmount() == null);
        assertThat(corpus).anyMatch(t -> (t.merchant().name() + ", " + t.merchant().city() + ", CH").length() > 99);
        for (StandardizedTransaction t : corpus) {
            Iso20022Schemas.validate(XSD, Cain001Writer.write(t, Instant.parse("2026-11-20T10:15:32.123Z")));
        }
    }

    @Test
    void parsingTheDocumentBackGivesTheProjectionItWasWrittenFrom() {
        for (StandardizedTransaction t : IsoCorpus.authorizations(300, 7)) {
            assertThat(Cain001Parser.parse(Cain001Writer.write(t, Instant.now()))).isEqualTo(t);
        }
    }

    @Test
    void theCombinedNameAndLocationIsCutToTheSchemaLimit() {
        StandardizedTransaction t = IsoCorpus.authorizations(8, 1).stream()
                .filter(x -> (x.merchant().name() + x.merchant().city()).length() > 95).findFirst()
                .orElseGet(() -> IsoCorpus.authorizations(200, 3).stream()
                        .filter(x -> (x.merchant().name() + x.merchant().city()).length() > 95).findFirst().orElseThrow());
        String doc = Cain001Writer.write(t, Instant.now());
        String nameAndLocation = doc.replaceAll("(?s).*<NmAndLctn>(.*)</NmAndLctn>.*", "$1");
        assertThat(nameAndLocation.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"")).hasSizeLessThanOrEqualTo(99);
    }

    @Test
    void amountsAreWrittenAtTheCurrencyExponent() {
        assertThat(Cain001Writer.amount(new Money(1250, "JPY"))).isEqualTo("1250");
        assertThat(Cain001Writer.amount(new Money(1250, "GBP"))).isEqualTo("12.50");
        assertThat(Cain001Writer.amount(new Money(1250, "BHD"))).isEqualTo("1.250");
    }

    @Test
    void theCardAppearsOnlyAsAToken() {
        String doc = Cain001Writer.write(IsoCorpus.authorizations(1, 9).getFirst(), Instant.now());
        assertThat(doc).contains("<PmtAcctRef>CTK000000</PmtAcctRef>").doesNotContain("<PAN>");
    }
}
