package io.postline.iso20022;

import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a standardized transaction as an ISO 20022 cain.001.001.04 AuthorisationInitiation document.
 * Written element by element ({@link IsoXml}) rather than through JAXB: no reflection per message and no
 * context to cache, and the element order is the schema's, checked against the official XSD by tests.
 * Mapping table: docs/iso20022.md.
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
        return IsoXml.document(NAMESPACE, "AuthstnInitn", w -> {
            w.start("Hdr");
            w.text("MsgFctn", "AUTQ");
            w.text("PrtcolVrsn", "4.0");
            w.text("XchgId", t.messageId());
            w.text("CreDtTm", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
            w.start("InitgPty");
            w.text("Id", IsoText.max(t.sourceId(), 35));
            w.end();
            w.end();

            w.start("TxChrtcs");
            w.text("TxTp", transactionTypeCode(t.transactionType()));
            w.start("AddtlData");
            w.text("Tp", APPROVAL_CODE_TYPE);
            w.text("Val", t.approvalCode());
            w.end();
            w.end();

            w.start("Acqrr");
            w.text("Id", t.acquirerId());
            w.end();

            w.start("Card");
            w.text("PmtAcctRef", t.cardToken()); // a token, never a PAN
            w.end();

            w.start("TxId");
            w.text("TrnsmssnDtTm", t.transmissionTime().toString());
            w.text("SysTracAudtNb", t.stan());
            w.text("RtrvlRefNb", t.rrn());
            if (t.lifecycleId() != null) {
                w.text("LifeCyclId", t.lifecycleId());
            }
            w.text("AcqrrRefData", t.authorizationId());
            w.end();

            w.start("TxAmts");
            w.text("Amt", amount(t.amount()));
            w.text("Ccy", t.amount().numericCurrency());
            if (t.billingAmount() != null) {
                w.text("CrdhldrBllgAmt", amount(t.billingAmount()));
                w.text("CrdhldrBllgCcy", t.billingAmount().numericCurrency());
                if (t.billingExchangeRate() != null) {
                    w.text("CrdhldrBllgFctvXchgRate", t.billingExchangeRate().toPlainString());
                }
            }
            w.end();

            w.start("Accptr");
            w.text("Id", t.merchant().merchantId());
            w.text("LglCorpNm", t.merchant().name());
            w.text("NmAndLctn", IsoText.max(t.merchant().name() + ", " + t.merchant().city() + ", "
                    + t.merchant().country(), 99));
            w.start("Adr");
            w.text("TwnNm", t.merchant().city());
            w.text("Ctry", t.merchant().country());
            w.end();
            w.end();

            w.start("Cntxt");
            w.text("CardDataNtryMd", "UNSP");
            w.text("MrchntCtgyCd", t.merchant().mcc());
            w.end();

        });
    }

    /** Major units at the currency's exponent (ImpliedCurrencyAndAmount: the currency is in Ccy). */
    public static String amount(Money m) {
        return m.toDecimal().toPlainString();
    }
}
