package io.postline.standardizer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AuthorizationReceived;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionStandardized;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class Cain001WriterTest {
    private static final String XSD = "cain.001.001.04.xsd";
    private static final String[] CURRENCIES = {"GBP", "EUR", "USD", "JPY", "BHD", "KWD", "CHF", "SEK"};

    /** A varied corpus: every exponent (0, 2, 3), with and without billing FX, names beyond the limits. */
    static List<AuthorizationReceived> corpus(int size, long seed) {
        Random random = new Random(seed);
        List<AuthorizationReceived> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String currency = CURRENCIES[i % CURRENCIES.length];
            String name = random.nextInt(4) == 0 ? "Long Merchant Name & Sons <Wholesale> \"Ltd\" ".repeat(2).strip()
                    : "Merchant " + i;
            String city = random.nextInt(5) == 0 ? "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysilio" : "Zürich";
            Money amount = new Money(1 + random.nextInt(10_000_000), currency);
            Money billing = i % 3 == 0 ? null : new Money(1 + random.nextInt(10_000_000), CURRENCIES[(i + 1) % CURRENCIES.length]);
            out.add(new AuthorizationReceived("C-" + i, "pos-switch", "CTK" + String.format("%06d", i),
                    Integer.toString(10_000 + i), new Merchant("M-" + i, name, String.format("%04d", 5000 + i % 999),
                    city, "CH"), amount, billing, String.format("%06d", i % 1_000_000), String.format("%012d", i),
                    "AP" + String.format("%04d", i % 10_000), Instant.parse("2026-11-20T10:15:30Z").plusSeconds(i),
                    Instant.parse("2026-11-20T10:15:31Z").plusSeconds(i)));
        }
        return out;
    }

    @Test
    void everyDocumentOfAVariedCorpusValidatesAgainstTheOfficialSchema() {
        for (AuthorizationReceived a : corpus(1000, 42)) {
            Iso20022Schemas.validate(XSD, Cain001Writer.write(a, "0123456789abcdef0123456789abcdef",
                    Instant.parse("2026-11-20T10:15:32.123Z")));
        }
    }

    @Test
    void theDocumentAgreesWithTheProjectionFieldByField() throws Exception {
        for (AuthorizationReceived a : corpus(50, 7)) {
            TransactionStandardized s = Standardization.of(a, "0123456789abcdef0123456789abcdef", Instant.now());
            Document doc = parse(s.document());
            StandardizedTransaction p = s.transaction();
            assertThat(x(doc, "Hdr/XchgId")).isEqualTo(p.messageId());
            assertThat(x(doc, "Hdr/InitgPty/Id")).isEqualTo(p.sourceId());
            assertThat(x(doc, "Acqrr/Id")).isEqualTo(p.acquirerId());
            assertThat(x(doc, "Card/PmtAcctRef")).isEqualTo(p.cardToken());
            assertThat(x(doc, "TxId/SysTracAudtNb")).isEqualTo(p.stan());
            assertThat(x(doc, "TxId/RtrvlRefNb")).isEqualTo(p.rrn());
            assertThat(Instant.parse(x(doc, "TxId/TrnsmssnDtTm"))).isEqualTo(p.transmissionTime());
            assertThat(x(doc, "TxChrtcs/AddtlData[Tp='ApprovalCode']/Val")).isEqualTo(p.approvalCode());
            assertThat(new java.math.BigDecimal(x(doc, "TxAmts/Amt"))).isEqualTo(p.amount().toDecimal());
            assertThat(x(doc, "TxAmts/Ccy")).isEqualTo(p.amount().numericCurrency());
            if (p.billingAmount() != null) {
                assertThat(new java.math.BigDecimal(x(doc, "TxAmts/CrdhldrBllgAmt"))).isEqualTo(p.billingAmount().toDecimal());
                assertThat(x(doc, "TxAmts/CrdhldrBllgCcy")).isEqualTo(p.billingAmount().numericCurrency());
            } else {
                assertThat(x(doc, "TxAmts/CrdhldrBllgAmt")).isEmpty();
            }
            assertThat(x(doc, "Accptr/Id")).isEqualTo(p.merchant().merchantId());
            String nameAndLocation = p.merchant().name() + ", " + p.merchant().city() + ", " + p.merchant().country();
            assertThat(x(doc, "Accptr/NmAndLctn")).hasSizeLessThanOrEqualTo(99)
                    .isEqualTo(IsoText.max(nameAndLocation, 99));
            assertThat(nameAndLocation).startsWith(x(doc, "Accptr/NmAndLctn"));
            assertThat(x(doc, "Accptr/Adr/Ctry")).isEqualTo(p.merchant().country());
            assertThat(x(doc, "Cntxt/MrchntCtgyCd")).isEqualTo(p.merchant().mcc());
        }
    }

    @Test
    void amountsAreWrittenAtTheCurrencyExponent() {
        assertThat(Cain001Writer.amount(new Money(1250, "JPY"))).isEqualTo("1250");
        assertThat(Cain001Writer.amount(new Money(1250, "GBP"))).isEqualTo("12.50");
        assertThat(Cain001Writer.amount(new Money(1250, "BHD"))).isEqualTo("1.250");
    }

    @Test
    void textLongerThanTheSchemaAllowsIsCutAtTheLimit() {
        assertThat(IsoText.max("x".repeat(120), 99)).hasSize(99);
        assertThat(IsoText.max("  short  ", 35)).isEqualTo("short");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String x(Document doc, String path) throws Exception {
        return (String) XPathFactory.newInstance().newXPath()
                .evaluate("/Document/AuthstnInitn/" + path, doc, XPathConstants.STRING);
    }
}
