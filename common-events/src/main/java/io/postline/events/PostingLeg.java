package io.postline.events;

import java.util.UUID;

/**
 * One leg of a posting sequence ({@code payments.posting.leg}). The legs of a sequence share
 * {@code postingSequenceId}, are numbered {@code 0..legCount-1} and balance per currency.
 * {@code authorizedAmount} travels along so that reconciliation can compare what was posted; {@code role}
 * says what the leg stands for and {@code context} carries the card transaction's facts for the bank's
 * posting input and the camt.054 notification.
 */
public record PostingLeg(
        String authorizationId,
        UUID postingSequenceId,
        int legIndex,
        int legCount,
        String accountNumber,
        String sortCode,
        EntrySide side,
        Money amount,
        String narrative,
        Money authorizedAmount,
        String ruleSetVersion,
        String ruleId,
        LegRole role,
        PostingContext context) implements PipelineEvent {

    public PostingLeg {
        Require.text(authorizationId, "authorizationId", 64);
        Require.present(postingSequenceId, "postingSequenceId");
        if (legCount < 2 || legIndex < 0 || legIndex >= legCount) {
            throw new IllegalArgumentException("legIndex must be in 0..legCount-1 and legCount at least 2");
        }
        Require.text(accountNumber, "accountNumber", 34);
        Require.present(side, "side");
        Require.positive(amount, "amount");
        Require.text(narrative, "narrative", 140);
        Require.present(authorizedAmount, "authorizedAmount");
        Require.text(ruleSetVersion, "ruleSetVersion", 35);
        Require.text(ruleId, "ruleId", 64);
        Require.present(role, "role");
        Require.present(context, "context");
    }
}
