package io.postline.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Cain001WriterTest {
    static final String XSD = "cain.001.001.04.xsd";
    /** Exponents 2, 2, 2, 0, 3, 3, 2, 2. */
    static final String[] CURRENCIES = {"GBP", "EUR", "USD", "JPY", "BHD", "KWD", "CHF", "SEK"};

    /** A varied corpus: every exponent (0, 2, 3), FX and non-FX, names and cities at their limits. */
    public static List<StandardizedTransaction> corpus(int size, long seed) {
        Random random = new Random(seed);
        List<StandardizedTransaction> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String currency = CURRENCIES[i % CURRENCIES.length];
            String name = random.nextInt(4) == 0 ? "Long Merchant Name & Sons <Wholesale> \"Ltd\" ".repeat(2).strip()
                    : "Merchant " + i;
            String city = random.nextInt(5) == 0 ? "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysilio" : "Zürich";
            Money amount = new Money(1 + random.nextInt(10_000_000), currency);
            Money billing = i % 3 == 0 ? null
                    : new Money(1 + random.nextInt(10_000_000), CURRENCIES[(i + 1) % CURRENCIES.length]);
            BigDecimal rate = billing == null ? null
                    : IsoDecimal.fit(billing.toDecimal().divide(amount.toDecimal(), MathContext.DECIMAL128), 25, 13);
            out.add(new StandardizedTransaction("C-" + i, String.format("%032x", i), "pos-switch",
                    "CTK" + String.format("%06d", i), Integer.toString(10_000 + i),
                    new Merchant("M-" + i, name, String.format("%04d", 5000 + i % 999), city, "CH"), amount, billing,
                    String.format("%06d", i % 1_000_000), String.format("%012d", i), "AP" + String.format("%04d", i % 10_000),
                    Instant.parse("2026-11-20T10:15:30Z").plusSeconds(i),
                    i % 2 == 0 ? String.format("LC%013d", i) : null, rate));
        }
        return out;
    }

    @Test
    void everyDocumentOfAVariedCorpusValidatesAgainstTheOfficialSchema() {
        List<StandardizedTransaction> corpus = corpus(1000, 42);
        assertThat(corpus).extracting(t -> Money.exponentOf(t.amount().currency())).contains(0, 2, 3);
        assertThat(corpus).anyMatch(t -> t.billingAmount() != null).anyMatch(t -> t.billingAmount() == null);
        assertThat(corpus).anyMatch(t -> (t.merchant().name() + ", " + t.merchant().city() + ", CH").length() > 99);
        for (StandardizedTransaction t : corpus) {
            Iso20022Schemas.validate(XSD, Cain001Writer.write(t, Instant.parse("2026-11-20T10:15:32.123Z")));
        }
    }

    @Test
    void parsingTheDocumentBackGivesTheProjectionItWasWrittenFrom() {
        for (StandardizedTransaction t : corpus(300, 7)) {
            assertThat(Cain001Parser.parse(Cain001Writer.write(t, Instant.now()))).isEqualTo(t);
        }
    }

    @Test
    void theCombinedNameAndLocationIsCutToTheSchemaLimit() {
        StandardizedTransaction t = corpus(8, 1).stream()
                .filter(x -> (x.merchant().name() + x.merchant().city()).length() > 95).findFirst()
                .orElseGet(() -> corpus(200, 3).stream()
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
        String doc = Cain001Writer.write(corpus(1, 9).getFirst(), Instant.now());
        assertThat(doc).contains("<PmtAcctRef>CTK000000</PmtAcctRef>").doesNotContain("<PAN>");
    }
}
