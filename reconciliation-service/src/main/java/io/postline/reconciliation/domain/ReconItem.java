package io.postline.reconciliation.domain;

import io.postline.events.AuthorizationDuplicate;
import io.postline.events.AuthorizationReceived;
import io.postline.events.EntryType;
import io.postline.events.Money;
import io.postline.events.PipelineEvent;
import io.postline.events.PostingPosted;
import io.postline.events.TransactionHeld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What reconciliation knows of one authorization id: expected (received), explained (parked, held) and
 * posted (journal entries, with their corrections). Immutable; {@link #apply} is idempotent per event, so a
 * replayed event changes nothing, and {@link #status} derives the classification from the facts and the
 * clock, so it can never disagree with them.
 */
public record ReconItem(String authorizationId, UUID receivedEventId, int receivedCount, Money expected,
                        Instant receivedAt, boolean parkedDuplicate, Held held, List<PostedJournal> journals,
                        int patchAttempts, Instant lastPatchAt, boolean reviewRequired) {

    /** The hold a stage reported; {@code INCOMPLETE_SEQUENCE} from posting means legs went missing. */
    public record Held(String stage, String reasonCode, String disposition, Instant heldAt) {
        public boolean lostLegs() {
            return "posting".equals(stage) && "INCOMPLETE_SEQUENCE".equals(reasonCode);
        }
    }

    public ReconItem {
        journals = List.copyOf(journals);
    }

    public static ReconItem empty(String authorizationId) {
        return new ReconItem(authorizationId, null, 0, null, null, false, null, List.of(), 0, null, false);
    }

    public ReconItem apply(UUID eventId, PipelineEvent event) {
        return switch (event) {
            case AuthorizationReceived r -> {
                if (eventId.equals(receivedEventId)) {
                    yield this; // the same event again (a replay): nothing new
                }
                yield new ReconItem(authorizationId, receivedEventId == null ? eventId : receivedEventId,
                        receivedCount + 1, expected == null ? r.amount() : expected,
                        receivedAt == null ? r.receivedAt() : receivedAt, parkedDuplicate, held, journals,
                        patchAttempts, lastPatchAt, reviewRequired);
            }
            case AuthorizationDuplicate d -> new ReconItem(authorizationId, receivedEventId, receivedCount, expected,
                    receivedAt, true, held, journals, patchAttempts, lastPatchAt, reviewRequired);
            case TransactionHeld h -> new ReconItem(authorizationId, receivedEventId, receivedCount, expected,
                    receivedAt, parkedDuplicate, new Held(h.stage(), h.reasonCode(), h.disposition(), h.heldAt()),
                    journals, patchAttempts, lastPatchAt, reviewRequired);
            case PostingPosted p -> {
                if (journals.stream().anyMatch(j -> j.journalId().equals(p.journalId()))) {
                    yield this;
                }
                List<PostedJournal> more = new ArrayList<>(journals);
                more.add(PostedJournal.of(p));
                yield new ReconItem(authorizationId, receivedEventId, receivedCount, expected, receivedAt,
                        parkedDuplicate, held, more, patchAttempts, lastPatchAt, reviewRequired);
            }
            default -> throw new IllegalArgumentException("reconciliation does not consume " + event.getClass());
        };
    }

    public ReconItem patched(Instant at, boolean holdForReview) {
        return new ReconItem(authorizationId, receivedEventId, receivedCount, expected, receivedAt, parkedDuplicate,
                held, journals, patchAttempts + 1, at, reviewRequired || holdForReview);
    }

    /** Posting entries not reversed, earliest first. */
    public List<PostedJournal> livePostings() {
        Set<UUID> reversed = new HashSet<>();
        for (PostedJournal j : journals) {
            if (j.entryType() == EntryType.REVERSAL) {
                reversed.add(j.correctsJournalId());
            }
        }
        return journals.stream().filter(j -> j.entryType() == EntryType.POSTING && !reversed.contains(j.journalId()))
                .sorted(Comparator.comparing(PostedJournal::postedAt).thenComparing(PostedJournal::journalId)).toList();
    }

    /** The principal of a posting with its adjustments applied. */
    public Money netPrincipal(PostedJournal posting) {
        long net = posting.principal().amountMinor();
        for (PostedJournal j : journals) {
            if (j.entryType() == EntryType.ADJUSTMENT && posting.journalId().equals(j.correctsJournalId())
                    && j.principal().currency().equals(posting.principal().currency())) {
                net += j.counterpartySide() == posting.counterpartySide() ? j.principal().amountMinor()
                        : -j.principal().amountMinor();
            }
        }
        return new Money(Math.max(net, 0), posting.principal().currency());
    }

    public Instant firstPostedAt() {
        return journals.stream().filter(j -> j.entryType() == EntryType.POSTING).map(PostedJournal::postedAt)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * The status when a fact arrives. Time does not turn awaiting into missing or a hold into held-too-long
     * here: that is the scan's job, which knows whether the pipeline is keeping up (a batch released hours
     * after it was received is queued, not missing). An item already found missing and patched stays a break
     * until its posting arrives, though, even when its own re-driven event comes back first.
     */
    public ReconStatus statusOnArrival(Instant now, ReconPolicy policy) {
        return classify(patchAttempts > 0 ? now : null, policy);
    }

    /** The status at {@code now}, time-based transitions included. */
    public ReconStatus status(Instant now, ReconPolicy policy) {
        return classify(now, policy);
    }

    private ReconStatus classify(Instant now, ReconPolicy policy) {
        List<PostedJournal> live = livePostings();
        if (live.size() > 1) {
            return ReconStatus.DUPLICATE_POSTING;
        }
        if (live.size() == 1) {
            if (receivedCount == 0) {
                return ReconStatus.ORPHAN_POSTING;
            }
            return netPrincipal(live.getFirst()).equals(expected) ? ReconStatus.MATCHED : ReconStatus.AMOUNT_MISMATCH;
        }
        if (receivedCount == 0) {
            return journals.isEmpty() ? ReconStatus.AWAITING_POSTING : ReconStatus.ORPHAN_POSTING;
        }
        if (held != null) {
            if (held.lostLegs()) {
                return ReconStatus.MISSING_POSTING;
            }
            if ("REJECT".equals(held.disposition())) {
                return ReconStatus.REJECTED;
            }
            return now != null && Duration.between(held.heldAt(), now).compareTo(policy.heldSla()) > 0
                    ? ReconStatus.HELD_TOO_LONG : ReconStatus.HELD;
        }
        if (parkedDuplicate) {
            return ReconStatus.PARKED_DUPLICATE;
        }
        return now != null && Duration.between(receivedAt, now).compareTo(policy.grace()) > 0
                ? ReconStatus.MISSING_POSTING : ReconStatus.AWAITING_POSTING;
    }
}
