package io.postline.iso20022;

import io.postline.events.EntrySide;
import io.postline.events.Money;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

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
        return IsoXml.document(NAMESPACE, "BkToCstmrDbtCdtNtfctn", w -> {
            w.start("GrpHdr");
            w.text("MsgId", IsoText.max(n.messageId(), 35));
            w.text("CreDtTm", n.createdAt().truncatedTo(ChronoUnit.MILLIS).toString());
            w.end();

            w.start("Ntfctn");
            w.text("Id", IsoText.max(n.messageId(), 35));
            w.text("CreDtTm", n.createdAt().truncatedTo(ChronoUnit.MILLIS).toString());
            w.start("Acct");
            w.start("Id");
            w.start("Othr");
            w.text("Id", n.accountNumber());
            w.end();
            w.end();
            if (n.accountCurrency() != null) {
                w.text("Ccy", n.accountCurrency());
            }
            w.end();

            w.start("Ntry");
            if (n.entryReference() != null) {
                w.text("NtryRef", IsoText.max(n.entryReference(), 35));
            }
            amount(w, "Amt", n.amount());
            w.text("CdtDbtInd", indicator(n.side()));
            w.start("Sts");
            w.text("Cd", "BOOK");
            w.end();
            w.start("BookgDt");
            w.text("DtTm", n.bookedAt().truncatedTo(ChronoUnit.MILLIS).toString());
            w.end();
            w.start("ValDt");
            w.text("Dt", n.bookedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
            w.end();
            w.text("AcctSvcrRef", journalRef);
            bankTransactionCode(w);

            w.start("NtryDtls");
            w.start("TxDtls");
            w.start("Refs");
            w.text("AcctSvcrRef", journalRef);
            if (n.rrn() != null) {
                w.text("TxId", n.rrn());
            }
            w.end();
            amount(w, "Amt", n.amount());
            w.text("CdtDbtInd", indicator(n.side()));
            if (n.originalAmount() != null) {
                w.start("AmtDtls");
                w.start("InstdAmt");
                amount(w, "Amt", n.originalAmount());
                if (n.exchangeRate() != null) {
                    w.start("CcyXchg");
                    w.text("SrcCcy", n.originalAmount().currency());
                    w.text("TrgtCcy", n.amount().currency());
                    w.text("XchgRate", IsoDecimal.fit(n.exchangeRate(), 11, 10).toPlainString());
                    w.end();
                }
                w.end();
                w.start("TxAmt");
                amount(w, "Amt", n.amount());
                w.end();
                w.end();
            }
            w.start("CardTx");
            w.start("Card");
            w.text("AddtlCardData", TOKEN_PREFIX + n.cardToken());
            w.end();
            if (n.transmissionTime() != null) {
                w.start("Tx");
                w.start("Indv");
                w.start("TxId");
                w.text("TxDtTm", n.transmissionTime().toString());
                w.text("TxRef", n.rrn() != null ? n.rrn() : IsoText.max(n.authorizationId(), 35));
                w.end();
                w.end();
                w.end();
            }
            w.end();
            w.text("AddtlTxInf", IsoText.max((n.narrative() == null ? "" : n.narrative() + "; ")
                    + "authorization " + n.authorizationId(), 500));
            w.end(); // TxDtls
            w.end(); // NtryDtls
            w.end(); // Ntry
            w.end(); // Ntfctn
        });
    }

    private static void bankTransactionCode(IsoXml w) {
        w.start("BkTxCd");
        w.start("Domn");
        w.text("Cd", "PMNT");
        w.start("Fmly");
        w.text("Cd", "CCRD");
        w.text("SubFmlyCd", "POSD");
        w.end();
        w.end();
        w.end();
    }

    private static String indicator(EntrySide side) {
        return side == EntrySide.CREDIT ? "CRDT" : "DBIT";
    }

    private static void amount(IsoXml w, String element, Money m) {
        w.text(element, "Ccy", m.currency(), m.toDecimal().toPlainString());
    }
}
