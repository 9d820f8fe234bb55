package io.postline.iso20022;

import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionType;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * Reads a cain.001.001.04 document back into the projection it was written from, independently of the
 * writer, so tests can prove the two agree field by field.
 */
public final class Cain001Parser {
    private static final Map<String, String> ALPHA_BY_NUMERIC = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() >= 0)
            .collect(Collectors.toMap(Currency::getNumericCodeAsString, Currency::getCurrencyCode, (a, b) -> a));

    private Cain001Parser() {
    }

    public static StandardizedTransaction parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            XPath xpath = XPathFactory.newInstance().newXPath();
            Function<String, String> x = path -> {
                try {
                    String v = (String) xpath.evaluate("/Document/AuthstnInitn/" + path, doc, XPathConstants.STRING);
                    return v.isEmpty() ? null : v;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            String billing = x.apply("TxAmts/CrdhldrBllgAmt");
            String rate = x.apply("TxAmts/CrdhldrBllgFctvXchgRate");
            return new StandardizedTransaction(x.apply("TxId/AcqrrRefData"), x.apply("Hdr/XchgId"),
                    x.apply("Hdr/InitgPty/Id"), x.apply("Card/PmtAcctRef"), x.apply("Acqrr/Id"),
                    new Merchant(x.apply("Accptr/Id"), x.apply("Accptr/LglCorpNm"), x.apply("Cntxt/MrchntCtgyCd"),
                            x.apply("Accptr/Adr/TwnNm"), x.apply("Accptr/Adr/Ctry")),
                    money(x.apply("TxAmts/Amt"), x.apply("TxAmts/Ccy")),
                    billing == null ? null : money(billing, x.apply("TxAmts/CrdhldrBllgCcy")),
                    x.apply("TxId/SysTracAudtNb"), x.apply("TxId/RtrvlRefNb"),
                    x.apply("TxChrtcs/AddtlData[Tp='" + Cain001Writer.APPROVAL_CODE_TYPE + "']/Val"),
                    Instant.parse(x.apply("TxId/TrnsmssnDtTm")), x.apply("TxId/LifeCyclId"),
                    rate == null ? null : new BigDecimal(rate),
                    java.util.Arrays.stream(TransactionType.values())
                            .filter(tt -> Cain001Writer.transactionTypeCode(tt).equals(x.apply("TxChrtcs/TxTp")))
                            .findFirst().orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read cain.001: " + e.getMessage(), e);
        }
    }

    private static Money money(String amount, String numericCurrency) {
        return Money.of(new BigDecimal(amount), ALPHA_BY_NUMERIC.get(numericCurrency));
    }
}
