package io.postline.standardizer.domain;

import io.postline.events.AuthorizationReceived;
import io.postline.events.Money;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an approved authorization as an ISO 20022 cain.001.001.04 AuthorisationInitiation document.
 * Streaming (StAX) rather than JAXB: no reflection per message, no context to cache, and the element order
 * is the schema's, checked against the official XSD by tests. Field mapping in docs/iso20022-mapping.md.
 */
public final class Cain001Writer {
    public static final String MESSAGE_DEFINITION = "cain.001.001.04";
    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:" + MESSAGE_DEFINITION;
    /** ISO 8583 processing code 00: purchase of goods or services. */
    static final String PURCHASE = "00";
    static final String APPROVAL_CODE_TYPE = "ApprovalCode";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private Cain001Writer() {
    }

    public static String write(AuthorizationReceived a, String messageId, Instant createdAt) {
        StringWriter out = new StringWriter(2048);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Document");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement("AuthstnInitn");

            w.writeStartElement("Hdr");
            text(w, "MsgFctn", "AUTQ");
            text(w, "PrtcolVrsn", "4.0");
            text(w, "XchgId", messageId);
            text(w, "CreDtTm", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
            w.writeStartElement("InitgPty");
            text(w, "Id", IsoText.max(a.sourceId(), 35));
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement("TxChrtcs");
            text(w, "TxTp", PURCHASE);
            w.writeStartElement("AddtlData");
            text(w, "Tp", APPROVAL_CODE_TYPE);
            text(w, "Val", a.approvalCode());
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement("Acqrr");
            text(w, "Id", a.acquirerId());
            w.writeEndElement();

            w.writeStartElement("Card");
            text(w, "PmtAcctRef", a.cardToken()); // a token, never a PAN
            w.writeEndElement();

            w.writeStartElement("TxId");
            text(w, "TrnsmssnDtTm", a.transmissionTime().toString());
            text(w, "SysTracAudtNb", a.stan());
            text(w, "RtrvlRefNb", a.rrn());
            w.writeEndElement();

            w.writeStartElement("TxAmts");
            text(w, "Amt", amount(a.amount()));
            text(w, "Ccy", a.amount().numericCurrency());
            if (a.billingAmount() != null) {
                text(w, "CrdhldrBllgAmt", amount(a.billingAmount()));
                text(w, "CrdhldrBllgCcy", a.billingAmount().numericCurrency());
            }
            w.writeEndElement();

            w.writeStartElement("Accptr");
            text(w, "Id", a.merchant().merchantId());
            text(w, "NmAndLctn", IsoText.max(a.merchant().name() + ", " + a.merchant().city() + ", "
                    + a.merchant().country(), 99));
            w.writeStartElement("Adr");
            text(w, "TwnNm", IsoText.max(a.merchant().city(), 50));
            text(w, "Ctry", a.merchant().country());
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement("Cntxt");
            text(w, "CardDataNtryMd", "UNSP");
            text(w, "MrchntCtgyCd", a.merchant().mcc());
            w.writeEndElement();

            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write cain.001 for " + a.authorizationId(), e);
        }
        return out.toString();
    }

    /** Major units at the currency's exponent (ImpliedCurrencyAndAmount: the currency is in Ccy). */
    static String amount(Money m) {
        return m.toDecimal().toPlainString();
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
