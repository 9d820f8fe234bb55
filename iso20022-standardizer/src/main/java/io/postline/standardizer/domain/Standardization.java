package io.postline.standardizer.domain;

import io.postline.events.AuthorizationReceived;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionStandardized;
import io.postline.iso20022.Cain001Writer;
import io.postline.iso20022.IsoDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/**
 * An authorization's standard form: the projection downstream stages read, and the cain.001 document
 * written from that same projection, so the two cannot disagree.
 */
public final class Standardization {
    private Standardization() {
    }

    public static TransactionStandardized of(AuthorizationReceived a, String messageId, Instant createdAt) {
        StandardizedTransaction projection = new StandardizedTransaction(a.authorizationId(), messageId, a.sourceId(),
                a.cardToken(), a.acquirerId(), a.merchant(), a.amount(), a.billingAmount(), a.stan(), a.rrn(),
                a.approvalCode(), a.transmissionTime(), a.lifecycleId(),
                a.billingAmount() == null ? null : effectiveRate(a.amount(), a.billingAmount()), a.transactionType());
        return new TransactionStandardized(a.authorizationId(), Cain001Writer.MESSAGE_DEFINITION,
                Cain001Writer.write(projection, createdAt), projection);
    }

    /** Billing amount per unit of transaction amount, fitted to cain.001's BaseOne25Rate (25 digits, 13 decimals). */
    static BigDecimal effectiveRate(Money amount, Money billing) {
        return IsoDecimal.fit(billing.toDecimal().divide(amount.toDecimal(), MathContext.DECIMAL128), 25, 13);
    }
}
