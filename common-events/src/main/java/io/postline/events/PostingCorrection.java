package io.postline.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to correct a posted journal entry ({@code payments.posting.correction}), from reconciliation's
 * auto-patch or an operator. The posting service posts it once per {@code correctionId}.
 *
 * @param kind       REVERSAL (reverse every line of the target entry) or ADJUSTMENT (post the principal
 *                   difference on its cardholder and counterparty accounts)
 * @param adjustment the principal difference, in the target entry's currency; only for ADJUSTMENT
 * @param direction  whether the adjustment increases or decreases the principal; only for ADJUSTMENT
 */
public record PostingCorrection(
        UUID correctionId,
        String authorizationId,
        EntryType kind,
        UUID targetJournalId,
        Money adjustment,
        AdjustmentDirection direction,
        String reason,
        String requestedBy,
        Instant requestedAt) implements PipelineEvent {

    public PostingCorrection {
        Require.present(correctionId, "correctionId");
        Require.text(authorizationId, "authorizationId", 64);
        Require.present(kind, "kind");
        Require.present(targetJournalId, "targetJournalId");
        switch (kind) {
            case POSTING -> throw new IllegalArgumentException("kind must be REVERSAL or ADJUSTMENT");
            case REVERSAL -> {
                if (adjustment != null || direction != null) {
                    throw new IllegalArgumentException("a reversal has no adjustment or direction");
                }
            }
            case ADJUSTMENT -> {
                Require.positive(adjustment, "adjustment");
                Require.present(direction, "direction");
            }
        }
        Require.text(reason, "reason", 500);
        Require.text(requestedBy, "requestedBy", 64);
        Require.present(requestedAt, "requestedAt");
    }
}
