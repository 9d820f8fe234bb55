package io.postline.iso20022;

import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a standardized transaction as an ISO 20022 cain.001.001.04 AuthorisationInitiation document.
 * Streaming (StAX) rather than JAXB: no reflection per message and no context to cache, and the element
 * order is the schema's, checked against the official XSD by tests. Mapping table: docs/iso20022.md.
 */
public final class Cain001Writer {
    public static final String MESSAGE_DEFINITION = "cain.001.001.04";
    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:" + MESSAGE_DEFINITION;
    /** ISO 8583 processing codes of the transaction types. */
    public static String transactionTypeCode(TransactionType type) {
        return switch (type) {
            case PURCHASE -> "00";
            case CASH_WITHDRAWAL -> "01";
            case REFUND -> "20";
        };
    }
    public static final String APPROVAL_CODE_TYPE = "ApprovalCode";

    private Cain001Writer() {
    }

    public static String write(StandardizedTransaction t, Instant createdAt) {
        return IsoXml.document(NAMESPACE, "AuthstnInitn", "cain.001 for " + t.authorizationId(), w -> {
            w.writeStartElement("Hdr");
            text(w, "MsgFctn", "AUTQ");
            text(w, "PrtcolVrsn", "4.0");
            text(w, "XchgId", t.messageId());
            text(w, "CreDtTm", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
            w.writeStartElement("InitgPty");
            text(w, "Id", IsoText.max(t.sourceId(), 35));
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement("TxChrtcs");
            text(w, "TxTp", transactionTypeCode(t.transactionType()));
            w.writeStartElement("AddtlData");
            text(w, "Tp", APPROVAL_CODE_TYPE);
            text(w, "Val", t.approvalCode());
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement("Acqrr");
            text(w, "Id", t.acquirerId());
            w.writeEndElement();

            w.writeStartElement("Card");
            text(w, "PmtAcctRef", t.cardToken()); // a token, never a PAN
            w.writeEndElement();

            w.writeStartElement("TxId");
            text(w, "TrnsmssnDtTm", t.transmissionTime().toString());
            text(w, "SysTracAudtNb", t.stan());
            text(w, "RtrvlRefNb", t.rrn());
            if (t.lifecycleId() != null) {
                text(w, "LifeCyclId", t.lifecycleId());
            }
            text(w, "AcqrrRefData", t.authorizationId());
            w.writeEndElement();

            w.writeStartElement("TxAmts");
            text(w, "Amt", amount(t.amount()));
            text(w, "Ccy", t.amount().numericCurrency());
            if (t.billingAmount() != null) {
                text(w, "CrdhldrBllgAmt", amount(t.billingAmount()));
                text(w, "CrdhldrBllgCcy", t.billingAmount().numericCurrency());
                if (t.billingExchangeRate() != null) {
                    text(w, "CrdhldrBllgFctvXchgRate", t.billingExchangeRate().toPlainString());
                }
            }
            w.writeEndElement();

            w.writeStartElement("Accptr");
            text(w, "Id", t.merchant().merchantId());
            text(w, "LglCorpNm", t.merchant().name());
            text(w, "NmAndLctn", IsoText.max(t.merchant().name() + ", " + t.merchant().city() + ", "
                    + t.merchant().country(), 99));
            w.writeStartElement("Adr");
            text(w, "TwnNm", t.merchant().city());
            text(w, "Ctry", t.merchant().country());
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement("Cntxt");
            text(w, "CardDataNtryMd", "UNSP");
            text(w, "MrchntCtgyCd", t.merchant().mcc());
            w.writeEndElement();

        });
    }

    /** Major units at the currency's exponent (ImpliedCurrencyAndAmount: the currency is in Ccy). */
    public static String amount(Money m) {
        return m.toDecimal().toPlainString();
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        IsoXml.text(w, element, value);
    }
}
