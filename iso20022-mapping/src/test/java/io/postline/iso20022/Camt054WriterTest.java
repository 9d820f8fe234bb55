package io.postline.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.EntrySide;
import io.postline.events.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Camt054WriterTest {
    static final String XSD = "camt.054.001.08.xsd";

    public static List<CardEntryNotice> corpus(int size, long seed) {
        Random random = new Random(seed);
        List<CardEntryNotice> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String accountCcy = Cain001WriterTest.CURRENCIES[i % Cain001WriterTest.CURRENCIES.length];
            Money amount = new Money(1 + random.nextInt(50_000_000), accountCcy);
            boolean fx = i % 2 == 0;
            Money original = fx ? new Money(1 + random.nextInt(50_000_000),
                    Cain001WriterTest.CURRENCIES[(i + 3) % Cain001WriterTest.CURRENCIES.length]) : null;
            BigDecimal rate = fx ? amount.toDecimal().divide(original.toDecimal(), MathContext.DECIMAL64) : null;
            out.add(new CardEntryNotice(String.format("%032x", i), Instant.parse("2026-11-20T10:15:32Z"),
                    String.format("%08d", 41_000_000 + i), accountCcy, UUID.nameUUIDFromBytes(("j" + i).getBytes()),
                    "SEQ-" + i, amount, i % 3 == 0 ? EntrySide.CREDIT : EntrySide.DEBIT,
                    Instant.parse("2026-11-20T10:15:31.5Z").plusSeconds(i), "AUTH-" + i, String.format("CTK%06d", i),
                    i % 4 == 0 ? null : String.format("%012d", i), i % 5 == 0 ? null : Instant.parse("2026-11-20T10:15:30Z"),
                    original, rate, i % 7 == 0 ? null : "Merchant " + i + ", London"));
        }
        return out;
    }

    @Test
    void everyNotificationOfAVariedCorpusValidatesAgainstTheOfficialSchema() {
        for (CardEntryNotice n : corpus(1000, 11)) {
            Iso20022Schemas.validate(XSD, Camt054Writer.write(n));
        }
    }

    @Test
    void anEntryIsBookedAsACardPointOfSalePaymentWithTheTokenAndFxDetails() {
        CardEntryNotice n = corpus(1, 5).getFirst();
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
