package io.postline.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AdjustmentDirection;
import io.postline.events.AuthorizationDuplicate;
import io.postline.events.DuplicateReason;
import io.postline.events.EntrySide;
import io.postline.events.EntryType;
import io.postline.events.EventIds;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostedLine;
import io.postline.events.PostingPosted;
import io.postline.events.SampleEvents;
import io.postline.events.TransactionHeld;
import io.postline.reconciliation.domain.PatchPlanner.Patch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReconItemTest {
    static final ReconPolicy POLICY = new ReconPolicy(Duration.ofSeconds(60), Duration.ofHours(24), 3,
            ReconPolicy.MismatchAction.ADJUST);
    static final String ID = "AUTH-1";
    static final Instant T = SampleEvents.T0;
    static final UUID RECEIVED = EventIds.of("received-1");

    static PostingPosted posted(UUID journal, EntryType type, UUID corrects, long principal, EntrySide cpSide,
                                boolean fee, Instant at) {
        List<PostedLine> lines = new ArrayList<>();
        lines.add(new PostedLine(0, "41000001", cpSide.opposite(), new Money(principal + (fee ? 50 : 0), "GBP"),
                LegRole.CARDHOLDER));
        lines.add(new PostedLine(1, "GL-CARD-SETTLEMENT-GBP", cpSide, new Money(principal, "GBP"), LegRole.COUNTERPARTY));
        if (fee) {
            lines.add(new PostedLine(2, "GL-FEES-GBP", cpSide, new Money(50, "GBP"), LegRole.FEE));
        }
        return new PostingPosted(ID, UUID.randomUUID(), journal, type, corrects, new Money(1250, "GBP"), lines, at,
                LocalDate.of(2026, 11, 20), "<Document/>", null);
    }

    static PostingPosted posting(UUID journal, long principal, Instant at) {
        return posted(journal, EntryType.POSTING, null, principal, EntrySide.CREDIT, false, at);
    }

    static ReconItem received() {
        return ReconItem.empty(ID).apply(RECEIVED, SampleEvents.received(ID));
    }

    @Test
    void aReceivedAndPostedAuthorizationMatchesAndReplaysChangeNothing() {
        UUID journal = EventIds.of("j1");
        ReconItem item = received().apply(EventIds.of("p1"), posting(journal, 1250, T.plusSeconds(1)));
        assertThat(item.status(T.plusSeconds(2), POLICY)).isEqualTo(ReconStatus.MATCHED);

        ReconItem replayed = item.apply(RECEIVED, SampleEvents.received(ID))
                .apply(EventIds.of("p1-again"), posting(journal, 1250, T.plusSeconds(1)));
        assertThat(replayed).isEqualTo(item);
    }

    @Test
    void anUnpostedAuthorizationAwaitsWithinTheGracePeriodAndIsMissingAfterIt() {
        ReconItem item = received();
        Instant receivedAt = item.receivedAt();
        assertThat(item.status(receivedAt.plusSeconds(59), POLICY)).isEqualTo(ReconStatus.AWAITING_POSTING);
        assertThat(item.status(receivedAt.plusSeconds(61), POLICY)).isEqualTo(ReconStatus.MISSING_POSTING);
        assertThat(PatchPlanner.plan(item, ReconStatus.MISSING_POSTING, POLICY)).containsExactly(new Patch.Redrive());
    }

    @Test
    void onArrivalTheStatusComesFromTheFactsAloneSoAnOldBatchAuthorizationIsNotMissingYet() {
        ReconItem item = received(); // received (accepted at ingest) long before it reached reconciliation
        Instant later = item.receivedAt().plus(Duration.ofHours(5));
        assertThat(item.statusOnArrival(later, POLICY)).isEqualTo(ReconStatus.AWAITING_POSTING);
        assertThat(item.status(later, POLICY)).isEqualTo(ReconStatus.MISSING_POSTING);
        // once found missing and re-driven, its own re-driven event coming back does not clear the break
        assertThat(item.patched(later, false).statusOnArrival(later, POLICY)).isEqualTo(ReconStatus.MISSING_POSTING);
    }

    @Test
    void explainedOutcomesAreNotBreaksButAHoldOutlivingItsSlaIs() {
        ReconItem parked = received().apply(EventIds.of("d"), new AuthorizationDuplicate(ID, SampleEvents.received(ID),
                DuplicateReason.BUSINESS_DUPLICATE, "AUTH-0", EventIds.of("o"), T));
        assertThat(parked.status(T.plus(Duration.ofDays(2)), POLICY)).isEqualTo(ReconStatus.PARKED_DUPLICATE);

        ReconItem held = received().apply(EventIds.of("h"), new TransactionHeld(ID, "enrichment", "UNKNOWN_CARD",
                "no account", new Money(1250, "GBP"), T, "HOLD", null, null));
        assertThat(held.status(T.plusSeconds(3600), POLICY)).isEqualTo(ReconStatus.HELD);
        assertThat(held.status(T.plus(Duration.ofHours(25)), POLICY)).isEqualTo(ReconStatus.HELD_TOO_LONG);
        assertThat(PatchPlanner.plan(held, ReconStatus.HELD_TOO_LONG, POLICY)).isEmpty();

        ReconItem rejected = received().apply(EventIds.of("r"), new TransactionHeld(ID, "rules", "RESTRICTED_MCC",
                "mcc 7995", new Money(1250, "GBP"), T, "REJECT", "1", "restricted-mcc"));
        assertThat(rejected.status(T.plus(Duration.ofDays(3)), POLICY)).isEqualTo(ReconStatus.REJECTED);
    }

    @Test
    void anIncompleteSequenceReportedByPostingIsAMissingPostingToReDrive() {
        ReconItem item = received().apply(EventIds.of("h"), new TransactionHeld(ID, "posting", "INCOMPLETE_SEQUENCE",
                "1 of 2 legs", new Money(1250, "GBP"), T, "HOLD", "1", "card-purchase"));
        assertThat(item.status(T, POLICY)).isEqualTo(ReconStatus.MISSING_POSTING);
    }

    @Test
    void aSecondPostingIsADuplicateUntilItIsReversed() {
        UUID first = EventIds.of("j1");
        UUID second = EventIds.of("j2");
        ReconItem item = received().apply(EventIds.of("p1"), posting(first, 1250, T.plusSeconds(1)))
                .apply(EventIds.of("p2"), posting(second, 1250, T.plusSeconds(2)));
        assertThat(item.status(T.plusSeconds(3), POLICY)).isEqualTo(ReconStatus.DUPLICATE_POSTING);
        assertThat(PatchPlanner.plan(item, ReconStatus.DUPLICATE_POSTING, POLICY))
                .containsExactly(new Patch.Reverse(second));

        ReconItem reversed = item.apply(EventIds.of("p3"), posted(EventIds.of("j3"), EntryType.REVERSAL, second, 1250,
                EntrySide.DEBIT, false, T.plusSeconds(4)));
        assertThat(reversed.status(T.plusSeconds(5), POLICY)).isEqualTo(ReconStatus.MATCHED);
    }

    @Test
    void anAmountMismatchIsAdjustedByTheDifferenceAndThenMatches() {
        UUID journal = EventIds.of("j1");
        ReconItem item = received().apply(EventIds.of("p1"), posting(journal, 2500, T.plusSeconds(1)));
        assertThat(item.status(T.plusSeconds(2), POLICY)).isEqualTo(ReconStatus.AMOUNT_MISMATCH);
        assertThat(PatchPlanner.plan(item, ReconStatus.AMOUNT_MISMATCH, POLICY)).containsExactly(
                new Patch.Adjust(journal, new Money(1250, "GBP"), AdjustmentDirection.DECREASE));

        // The adjustment moves the principal back: the counterparty line on the side opposite to the posting's.
        ReconItem adjusted = item.apply(EventIds.of("p2"), posted(EventIds.of("j2"), EntryType.ADJUSTMENT, journal,
                1250, EntrySide.DEBIT, false, T.plusSeconds(3)));
        assertThat(adjusted.status(T.plusSeconds(4), POLICY)).isEqualTo(ReconStatus.MATCHED);
    }

    @Test
    void aMismatchIsHeldForReviewWhenPolicyOrFeesMakeAnAdjustmentUnsafe() {
        ReconItem withFees = received().apply(EventIds.of("p1"), posted(EventIds.of("j1"), EntryType.POSTING, null,
                2500, EntrySide.CREDIT, true, T.plusSeconds(1)));
        assertThat(PatchPlanner.plan(withFees, ReconStatus.AMOUNT_MISMATCH, POLICY)).singleElement()
                .isInstanceOf(Patch.HoldForReview.class);

        ReconItem plain = received().apply(EventIds.of("p1"), posting(EventIds.of("j1"), 2500, T.plusSeconds(1)));
        ReconPolicy holdAll = new ReconPolicy(POLICY.grace(), POLICY.heldSla(), 3, ReconPolicy.MismatchAction.HOLD_FOR_REVIEW);
        assertThat(PatchPlanner.plan(plain, ReconStatus.AMOUNT_MISMATCH, holdAll)).singleElement()
                .isInstanceOf(Patch.HoldForReview.class);
        assertThat(PatchPlanner.plan(plain.patched(T, true), ReconStatus.AMOUNT_MISMATCH, POLICY)).isEmpty();
    }

    @Test
    void aPostingWithoutAReceivedAuthorizationIsAnOrphanAndPatchesStopAfterTheLimit() {
        ReconItem orphan = ReconItem.empty(ID).apply(EventIds.of("p1"), posting(EventIds.of("j1"), 1250, T));
        assertThat(orphan.status(T, POLICY)).isEqualTo(ReconStatus.ORPHAN_POSTING);
        assertThat(PatchPlanner.plan(orphan, ReconStatus.ORPHAN_POSTING, POLICY)).isEmpty();

        ReconItem tried = received().patched(T, false).patched(T, false).patched(T, false);
        assertThat(PatchPlanner.plan(tried, ReconStatus.MISSING_POSTING, POLICY)).isEmpty();
    }
}
