package io.postline.reconciliation.domain;

import io.postline.events.AuthorizationDuplicate;
import io.postline.events.AuthorizationReceived;
import io.postline.events.Money;
import io.postline.events.PipelineEvent;
import io.postline.events.PostingPosted;
import io.postline.events.TransactionHeld;
import java.time.Instant;
import java.util.UUID;

/**
 * What reconciliation knows of one authorization id. Immutable: {@link #apply} returns the item after an
 * event; {@link #status} derives the classification from the facts, so it can never disagree with them.
 */
public record ReconItem(String authorizationId, int receivedCount, Money expected, Instant receivedAt,
                        boolean parkedDuplicate, String heldReason, int postedCount, UUID journalId, Money posted,
                        Instant postedAt) {

    public static ReconItem empty(String authorizationId) {
        return new ReconItem(authorizationId, 0, null, null, false, null, 0, null, null, null);
    }

    public ReconItem apply(PipelineEvent event) {
        return switch (event) {
            case AuthorizationReceived r -> new ReconItem(authorizationId, receivedCount + 1,
                    expected == null ? r.amount() : expected, receivedAt == null ? r.receivedAt() : receivedAt,
                    parkedDuplicate, heldReason, postedCount, journalId, posted, postedAt);
            case AuthorizationDuplicate d -> new ReconItem(authorizationId, receivedCount, expected, receivedAt, true,
                    heldReason, postedCount, journalId, posted, postedAt);
            case TransactionHeld h -> new ReconItem(authorizationId, receivedCount, expected, receivedAt,
                    parkedDuplicate, h.reasonCode(), postedCount, journalId, posted, postedAt);
            case PostingPosted p -> new ReconItem(authorizationId, receivedCount, expected, receivedAt,
                    parkedDuplicate, heldReason, postedCount + 1, p.journalId(), p.authorizedAmount(), p.postedAt());
            default -> throw new IllegalArgumentException("reconciliation does not consume " + event.getClass());
        };
    }

    public ReconStatus status() {
        if (postedCount > 1) {
            return ReconStatus.DUPLICATE_POSTING;
        }
        if (postedCount == 1) {
            if (receivedCount == 0) {
                return ReconStatus.ORPHAN_POSTING;
            }
            return posted.equals(expected) ? ReconStatus.MATCHED : ReconStatus.AMOUNT_MISMATCH;
        }
        if (heldReason != null) {
            return ReconStatus.HELD;
        }
        if (parkedDuplicate) {
            return ReconStatus.PARKED_DUPLICATE;
        }
        return ReconStatus.AWAITING_POSTING;
    }
}
