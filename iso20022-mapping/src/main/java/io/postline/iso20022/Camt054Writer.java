package io.postline.iso20022;

import static io.postline.iso20022.IsoXml.text;

import io.postline.events.EntrySide;
import io.postline.events.Money;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one booked card entry as an ISO 20022 camt.054.001.08 BankToCustomerDebitCreditNotification:
 * status BOOK, bank transaction code PMNT / CCRD / POSD (payments, customer card transactions, point of
 * sale), the card transaction block with the token (never a PAN), and FX details when the entry was
 * converted. Mapping table: docs/iso20022.md.
 */
public final class Camt054Writer {
    public static final String MESSAGE_DEFINITION = "camt.054.001.08";
    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:" + MESSAGE_DEFINITION;
    /** Prefix of the card token in {@code AddtlCardData}, where a token (not a PAN) belongs. */
    public static final String TOKEN_PREFIX = "TKN:";

    private Camt054Writer() {
    }

    public static String write(CardEntryNotice n) {
        String journalRef = n.journalId().toString().replace("-", "");
        return IsoXml.document(NAMESPACE, "BkToCstmrDbtCdtNtfctn", "camt.054 for " + n.authorizationId(), w -> {
            w.writeStartElement("GrpHdr");
            text(w, "MsgId", IsoText.max(n.messageId(), 35));
            text(w, "CreDtTm", n.createdAt().truncatedTo(ChronoUnit.MILLIS).toString());
            w.writeEndElement();

            w.writeStartElement("Ntfctn");
            text(w, "Id", IsoText.max(n.messageId(), 35));
            text(w, "CreDtTm", n.createdAt().truncatedTo(ChronoUnit.MILLIS).toString());
            w.writeStartElement("Acct");
            w.writeStartElement("Id");
            w.writeStartElement("Othr");
            text(w, "Id", n.accountNumber());
            w.writeEndElement();
            w.writeEndElement();
            if (n.accountCurrency() != null) {
                text(w, "Ccy", n.accountCurrency());
            }
            w.writeEndElement();

            w.writeStartElement("Ntry");
            if (n.entryReference() != null) {
                text(w, "NtryRef", IsoText.max(n.entryReference(), 35));
            }
            amount(w, "Amt", n.amount());
            text(w, "CdtDbtInd", indicator(n.side()));
            w.writeStartElement("Sts");
            text(w, "Cd", "BOOK");
            w.writeEndElement();
            w.writeStartElement("BookgDt");
            text(w, "DtTm", n.bookedAt().truncatedTo(ChronoUnit.MILLIS).toString());
            w.writeEndElement();
            w.writeStartElement("ValDt");
            text(w, "Dt", n.bookedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            w.writeEndElement();
            text(w, "AcctSvcrRef", journalRef);
            bankTransactionCode(w);

            w.writeStartElement("NtryDtls");
            w.writeStartElement("TxDtls");
            w.writeStartElement("Refs");
            text(w, "AcctSvcrRef", journalRef);
            if (n.rrn() != null) {
                text(w, "TxId", n.rrn());
            }
            w.writeEndElement();
            amount(w, "Amt", n.amount());
            text(w, "CdtDbtInd", indicator(n.side()));
            if (n.originalAmount() != null) {
                w.writeStartElement("AmtDtls");
                w.writeStartElement("InstdAmt");
                amount(w, "Amt", n.originalAmount());
                if (n.exchangeRate() != null) {
                    w.writeStartElement("CcyXchg");
                    text(w, "SrcCcy", n.originalAmount().currency());
                    text(w, "TrgtCcy", n.amount().currency());
                    text(w, "XchgRate", IsoDecimal.fit(n.exchangeRate(), 11, 10).toPlainString());
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeStartElement("TxAmt");
                amount(w, "Amt", n.amount());
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeStartElement("CardTx");
            w.writeStartElement("Card");
            text(w, "AddtlCardData", TOKEN_PREFIX + n.cardToken());
            w.writeEndElement();
            if (n.transmissionTime() != null) {
                w.writeStartElement("Tx");
                w.writeStartElement("Indv");
                w.writeStartElement("TxId");
                text(w, "TxDtTm", n.transmissionTime().toString());
                text(w, "TxRef", n.rrn() != null ? n.rrn() : IsoText.max(n.authorizationId(), 35));
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            text(w, "AddtlTxInf", IsoText.max((n.narrative() == null ? "" : n.narrative() + "; ")
                    + "authorization " + n.authorizationId(), 500));
            w.writeEndElement();
            w.writeEndElement();

            w.writeEndElement();
        });
    }

    private static void bankTransactionCode(XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement("BkTxCd");
        w.writeStartElement("Domn");
        text(w, "Cd", "PMNT");
        w.writeStartElement("Fmly");
        text(w, "Cd", "CCRD");
        text(w, "SubFmlyCd", "POSD");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static String indicator(EntrySide side) {
        return side == EntrySide.CREDIT ? "CRDT" : "DBIT";
    }

    private static void amount(XMLStreamWriter w, String element, Money m) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeAttribute("Ccy", m.currency());
        w.writeCharacters(m.toDecimal().toPlainString());
        w.writeEndElement();
    }
}
