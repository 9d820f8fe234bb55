package io.postline.reconciliation.domain;

import io.postline.events.AdjustmentDirection;
import io.postline.events.Money;
import java.util.List;
import java.util.UUID;

/**
 * Decides how a break is patched. Every patch is safe to repeat: a re-drive reuses the original event id,
 * so every stage that has it re-emits or drops it; a reversal or adjustment carries an id derived from the
 * entry it corrects, so posting applies it at most once.
 */
public final class PatchPlanner {
    private PatchPlanner() {
    }

    public sealed interface Patch {
        /** Send the authorization through the pipeline again, marked as a replay. */
        record Redrive() implements Patch {
        }

        /** Reverse a posting that duplicates the one kept. */
        record Reverse(UUID journalId) implements Patch {
        }

        /** Post the principal difference on the posting's cardholder and counterparty accounts. */
        record Adjust(UUID journalId, Money amount, AdjustmentDirection direction) implements Patch {
        }

        /** Leave it for an operator, saying why. */
        record HoldForReview(String reason) implements Patch {
        }
    }

    /** The patches for an item in {@code status}; empty when it is not a break auto-patch handles. */
    public static List<Patch> plan(ReconItem item, ReconStatus status, ReconPolicy policy) {
        if (item.reviewRequired() || item.patchAttempts() >= policy.maxPatchAttempts()) {
            return List.of();
        }
        return switch (status) {
            case MISSING_POSTING -> List.of(new Patch.Redrive());
            case DUPLICATE_POSTING -> item.livePostings().stream().skip(1)
                    .<Patch>map(j -> new Patch.Reverse(j.journalId())).toList();
            case AMOUNT_MISMATCH -> List.of(mismatch(item, policy));
            default -> List.of();
        };
    }

    private static Patch mismatch(ReconItem item, ReconPolicy policy) {
        PostedJournal posting = item.livePostings().getFirst();
        Money net = item.netPrincipal(posting);
        if (policy.mismatchAction() == ReconPolicy.MismatchAction.HOLD_FOR_REVIEW) {
            return new Patch.HoldForReview("amount mismatch held for review by policy: expected " + item.expected()
                    + ", posted " + net);
        }
        if (!net.currency().equals(item.expected().currency())) {
            return new Patch.HoldForReview("posted " + net + " is in another currency than expected " + item.expected());
        }
        if (posting.hasFees()) {
            return new Patch.HoldForReview("the posting's fees were computed on the posted principal " + net
                    + "; an adjustment of the principal alone would leave them wrong");
        }
        long difference = item.expected().amountMinor() - net.amountMinor();
        return new Patch.Adjust(posting.journalId(), new Money(Math.abs(difference), net.currency()),
                difference > 0 ? AdjustmentDirection.INCREASE : AdjustmentDirection.DECREASE);
    }
}
