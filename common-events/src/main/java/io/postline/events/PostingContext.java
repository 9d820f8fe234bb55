package io.postline.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Facts about the card transaction that travel with each leg, so the posting service can write the bank's
 * posting input and the camt.054 notification without asking another service.
 *
 * @param transactionAmount the amount in the transaction currency (before any conversion)
 * @param exchangeRate      transaction to account currency, when the posting was converted; else null
 */
public record PostingContext(String sourceId, String cardToken, String rrn, Instant transmissionTime,
                             Money transactionAmount, BigDecimal exchangeRate) {
    public PostingContext {
        Require.text(sourceId, "context.sourceId", 32);
        Require.text(cardToken, "context.cardToken", 64);
        Require.present(transmissionTime, "context.transmissionTime");
        Require.positive(transactionAmount, "context.transactionAmount");
    }
}
