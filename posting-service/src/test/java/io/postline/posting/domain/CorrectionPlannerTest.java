package io.postline.posting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.AdjustmentDirection;
import io.postline.events.EntrySide;
import io.postline.events.EntryType;
import io.postline.events.EventIds;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostingContext;
import io.postline.events.PostingCorrection;
import io.postline.events.SampleEvents;
import io.postline.iso20022.Iso20022Schemas;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrectionPlannerTest {
    static final UUID SEQ = EventIds.of("seq");
    static final PostingContext GBP = new PostingContext("pos-switch", "CTK000001", "000000123456", SampleEvents.T0,
            new Money(1250, "GBP"), null);

    static JournalEntry posting(PostingContext context, String ccy, long cardholder, long principal, long fee) {
        List<JournalLine> lines = new java.util.ArrayList<>(List.of(
                new JournalLine(0, "41000001", "20-00-00", EntrySide.DEBIT, new Money(cardholder, ccy), "Shop",
                        LegRole.CARDHOLDER),
                new JournalLine(1, "GL-CARD-SETTLEMENT-" + ccy, null, EntrySide.CREDIT, new Money(principal, ccy), "r",
                        LegRole.COUNTERPARTY)));
        if (fee > 0) {
            lines.add(new JournalLine(2, "GL-FX-FEE-INCOME-" + ccy, null, EntrySide.CREDIT, new Money(fee, ccy), "r",
                    LegRole.FEE));
        }
        return new JournalEntry(JournalEntry.journalIdOf(SEQ), SEQ, "AUTH-1", EntryType.POSTING, null,
                context.transactionAmount(), context, lines);
    }

    static PostingCorrection correction(EntryType kind, UUID target, Money amount, AdjustmentDirection direction) {
        return new PostingCorrection(EventIds.of("c-" + kind), "AUTH-1", kind, target, amount, direction, "test",
                "tester", SampleEvents.T0);
    }

    @Test
    void aReversalMirrorsEveryLineOnce() {
        JournalEntry target = posting(GBP, "GBP", 1300, 1250, 50);
        var plan = CorrectionPlanner.plan(correction(EntryType.REVERSAL, target.journalId(), null, null), target, null);

        JournalEntry reversal = ((CorrectionPlanner.Plan.Post) plan).entry();
        assertThat(reversal.entryType()).isEqualTo(EntryType.REVERSAL);
        assertThat(reversal.correctsJournalId()).isEqualTo(target.journalId());
        assertThat(reversal.lines()).extracting(JournalLine::side)
                .containsExactly(EntrySide.CREDIT, EntrySide.DEBIT, EntrySide.DEBIT);
        assertThat(reversal.lines()).extracting(JournalLine::amount).containsExactlyElementsOf(
                target.lines().stream().map(JournalLine::amount).toList());
        assertThat(CorrectionPlanner.plan(correction(EntryType.REVERSAL, target.journalId(), null, null), target,
                reversal.journalId())).isInstanceOf(CorrectionPlanner.Plan.Refuse.class);
    }

    @Test
    void anAdjustmentMovesThePrincipalDifferenceOnlyWhereThatIsUnambiguous() {
        JournalEntry target = posting(GBP, "GBP", 2500, 2500, 0);
        var plan = CorrectionPlanner.plan(correction(EntryType.ADJUSTMENT, target.journalId(), new Money(1250, "GBP"),
                AdjustmentDirection.DECREASE), target, null);
        JournalEntry adjustment = ((CorrectionPlanner.Plan.Post) plan).entry();
        assertThat(adjustment.lines()).extracting(JournalLine::side, JournalLine::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EntrySide.CREDIT, LegRole.CARDHOLDER),
                org.assertj.core.groups.Tuple.tuple(EntrySide.DEBIT, LegRole.COUNTERPARTY));

        var wrongCurrency = CorrectionPlanner.plan(correction(EntryType.ADJUSTMENT, target.journalId(),
                new Money(100, "EUR"), AdjustmentDirection.INCREASE), target, null);
        assertThat(wrongCurrency).isInstanceOf(CorrectionPlanner.Plan.Refuse.class);
        var ofAReversal = CorrectionPlanner.plan(correction(EntryType.ADJUSTMENT, target.journalId(),
                new Money(100, "GBP"), AdjustmentDirection.INCREASE), new JournalEntry(target.journalId(), SEQ, "AUTH-1",
                EntryType.REVERSAL, UUID.randomUUID(), target.authorizedAmount(), GBP, target.lines()), null);
        assertThat(ofAReversal).isInstanceOf(CorrectionPlanner.Plan.Refuse.class);
    }

    @Test
    void theCamt054OfConvertedAndCorrectingEntriesValidatesAndTheBusinessDateFollowsTheZone() {
        PostingContext eur = new PostingContext("pos-switch", "CTK000512", "632411000042", SampleEvents.T0,
                new Money(4380, "EUR"), new BigDecimal("0.85"));
        JournalEntry target = posting(eur, "GBP", 3835, 3723, 112);
        Instant lateEvening = Instant.parse("2026-11-20T23:30:00Z");
        var posted = PostedEntries.event(target, lateEvening, ZoneId.of("Europe/Berlin"), true);
        Iso20022Schemas.validate("camt.054.001.08.xsd", posted.camt054());
        assertThat(posted.camt054()).contains("<Amt Ccy=\"EUR\">43.80</Amt>").contains("<XchgRate>0.85</XchgRate>");
        assertThat(posted.businessDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(posted.bankPostingRecord()).startsWith("H" + target.journalId() + "20261121");

        JournalEntry reversal = ((CorrectionPlanner.Plan.Post) CorrectionPlanner.plan(
                correction(EntryType.REVERSAL, target.journalId(), null, null), target, null)).entry();
        var reversed = PostedEntries.event(reversal, lateEvening, ZoneOffset.UTC, false);
        Iso20022Schemas.validate("camt.054.001.08.xsd", reversed.camt054());
        assertThat(reversed.camt054()).contains("<CdtDbtInd>CRDT</CdtDbtInd>");
        assertThat(reversed.bankPostingRecord()).isNull();
    }
}
