package io.postline.standardizer.domain;

import io.postline.events.AuthorizationReceived;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionStandardized;
import java.time.Instant;

/** An authorization's standard form: the cain.001 document and the projection downstream stages read. */
public final class Standardization {
    private Standardization() {
    }

    public static TransactionStandardized of(AuthorizationReceived a, String messageId, Instant createdAt) {
        StandardizedTransaction projection = new StandardizedTransaction(a.authorizationId(), messageId, a.sourceId(),
                a.cardToken(), a.acquirerId(), a.merchant(), a.amount(), a.billingAmount(), a.stan(), a.rrn(),
                a.approvalCode(), a.transmissionTime());
        return new TransactionStandardized(a.authorizationId(), Cain001Writer.MESSAGE_DEFINITION,
                Cain001Writer.write(a, messageId, createdAt), projection);
    }
}
