package io.postline.events;

import java.time.Instant;

/**
 * An approved card authorization as accepted by ingest ({@code payments.authorization.received}).
 * {@code authorizationId} is the upstream switch's id for the authorization; the card is present only
 * as a token, never a PAN. {@code billingAmount} (cardholder billing amount) and {@code lifecycleId} (the
 * scheme's 15-character transaction life-cycle id) are optional; {@code transactionType} defaults to
 * {@link TransactionType#PURCHASE}.
 */
public record AuthorizationReceived(
        String authorizationId,
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
        Instant receivedAt,
        String lifecycleId,
        TransactionType transactionType) implements PipelineEvent {

    public static final TextFormat AUTHORIZATION_ID = TextFormat.of("[A-Za-z0-9._:-]{1,64}");
    public static final TextFormat SOURCE_ID = TextFormat.of("[a-z0-9][a-z0-9-]{0,31}");
    public static final TextFormat CARD_TOKEN = TextFormat.of("[A-Za-z0-9_-]{8,64}");
    public static final TextFormat ACQUIRER_ID = TextFormat.of("[0-9]{1,11}");
    public static final TextFormat STAN = TextFormat.of("[0-9]{6}");
    public static final TextFormat RRN = TextFormat.of("[A-Za-z0-9]{12}");
    public static final TextFormat APPROVAL_CODE = TextFormat.of("[A-Za-z0-9]{6}");
    public static final TextFormat LIFECYCLE_ID = TextFormat.of("[A-Za-z0-9]{15}");

    public AuthorizationReceived {
        Require.matches(authorizationId, "authorizationId", AUTHORIZATION_ID);
        Require.matches(sourceId, "sourceId", SOURCE_ID);
        Require.matches(cardToken, "cardToken", CARD_TOKEN);
        Require.matches(acquirerId, "acquirerId", ACQUIRER_ID);
        Require.present(merchant, "merchant");
        Require.positive(amount, "amount");
        if (billingAmount != null) {
            Require.positive(billingAmount, "billingAmount");
        }
        Require.matches(stan, "stan", STAN);
        Require.matches(rrn, "rrn", RRN);
        Require.matches(approvalCode, "approvalCode", APPROVAL_CODE);
        Require.present(transmissionTime, "transmissionTime");
        Require.present(receivedAt, "receivedAt");
        if (lifecycleId != null) {
            Require.matches(lifecycleId, "lifecycleId", LIFECYCLE_ID);
        }
        transactionType = transactionType == null ? TransactionType.PURCHASE : transactionType;
    }
}
