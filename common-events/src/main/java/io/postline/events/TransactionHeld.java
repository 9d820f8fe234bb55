package io.postline.events;

import java.time.Instant;

/**
 * A transaction a stage could not carry on with, for a reason an operator must resolve
 * ({@code payments.transaction.held}): unknown or closed account, no FX rate, a rule's hold.
 */
public record TransactionHeld(String authorizationId, String stage, String reasonCode, String detail, Money amount,
                              Instant heldAt) implements PipelineEvent {
    public TransactionHeld {
        Require.text(authorizationId, "authorizationId", 64);
        Require.text(stage, "stage", 64);
        Require.text(reasonCode, "reasonCode", 64);
        Require.text(detail, "detail", 500);
        Require.present(amount, "amount");
        Require.present(heldAt, "heldAt");
    }
}
