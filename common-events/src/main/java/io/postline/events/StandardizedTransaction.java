package io.postline.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The typed projection of the ISO 20022 document that downstream stages read, so that no stage after
 * the standardizer parses XML. Tests prove it agrees with the document field by field.
 * {@code billingExchangeRate} is the effective rate from the transaction to the billing currency, when a
 * billing amount is present.
 */
public record StandardizedTransaction(
        String authorizationId,
        String messageId,
        String sourceId,
        String cardToken,
        String acquirerId,
        Merchant merchant,
        Money amount,
        Money billingAmount,
        String stan,
        String rrn,
        String approvalCode,
        Instant transmissionTime,
        String lifecycleId,
        BigDecimal billingExchangeRate,
        TransactionType transactionType) {

    public StandardizedTransaction {
        Require.text(authorizationId, "authorizationId", 64);
        Require.text(messageId, "messageId", 35);
        Require.text(cardToken, "cardToken", 64);
        Require.present(merchant, "merchant");
        Require.positive(amount, "amount");
        Require.present(transmissionTime, "transmissionTime");
        transactionType = transactionType == null ? TransactionType.PURCHASE : transactionType;
    }
}
