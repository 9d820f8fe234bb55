package io.postline.events;

import java.time.Instant;

/**
 * A transaction a stage did not carry on with ({@code payments.transaction.held}): held for an operator
 * (unknown card, closed account, no FX rate, a rule's hold) or rejected by a rule for good.
 *
 * @param disposition    HOLD (may be resolved and re-driven) or REJECT (final); HOLD when absent
 * @param ruleSetVersion the rule set that decided, when a rule did
 * @param ruleId         the rule that decided, when a rule did
 */
public record TransactionHeld(String authorizationId, String stage, String reasonCode, String detail, Money amount,
                              Instant heldAt, String disposition, String ruleSetVersion, String ruleId)
        implements PipelineEvent {
    public TransactionHeld {
        Require.text(authorizationId, "authorizationId", 64);
        Require.text(stage, "stage", 64);
        Require.text(reasonCode, "reasonCode", 64);
        Require.text(detail, "detail", 500);
        Require.present(amount, "amount");
        Require.present(heldAt, "heldAt");
        disposition = disposition == null ? "HOLD" : disposition;
        if (!disposition.equals("HOLD") && !disposition.equals("REJECT")) {
            throw new IllegalArgumentException("disposition must be HOLD or REJECT");
        }
    }
}
