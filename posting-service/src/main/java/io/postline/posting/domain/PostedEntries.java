package io.postline.posting.domain;

import io.postline.events.EntryType;
import io.postline.events.LegRole;
import io.postline.events.PostingContext;
import io.postline.events.PostingPosted;
import io.postline.iso20022.Camt054Writer;
import io.postline.iso20022.CardEntryNotice;
import io.postline.posting.file.PostingFileWriter;
import io.postline.posting.file.PostingRecordLayout.Detail;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What the posting service publishes for a journal entry: the entry's lines, its camt.054 notification for
 * the cardholder account and, for real-time sources, the bank's posting input block.
 */
public final class PostedEntries {
    private PostedEntries() {
    }

    public static PostingPosted event(JournalEntry e, Instant postedAt, ZoneId businessZone, boolean realtime) {
        LocalDate businessDate = businessDate(postedAt, businessZone);
        String record = realtime ? PostingFileWriter.write(e.journalId().toString(), businessDate,
                e.context().sourceId(), postedAt.atOffset(ZoneOffset.UTC).toLocalDateTime(), details(e)) : null;
        return new PostingPosted(e.authorizationId(), e.postingSequenceId(), e.journalId(), e.entryType(),
                e.correctsJournalId(), e.authorizedAmount(), e.lines().stream().map(JournalLine::posted).toList(),
                postedAt, businessDate, Camt054Writer.write(notice(e, postedAt)), record);
    }

    public static LocalDate businessDate(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    /** The detail records of the entry's lines, in line order. */
    public static List<Detail> details(JournalEntry e) {
        return e.lines().stream().map(l -> new Detail(l.accountNumber(), l.sortCode(), l.side(),
                l.amount().amountMinor(), l.amount().currency(), l.narrative(), e.postingSequenceId(), l.lineNo(),
                e.entryType())).toList();
    }

    /** The cardholder entry as a camt.054 notice; FX details when the posting was converted. */
    static CardEntryNotice notice(JournalEntry e, Instant postedAt) {
        JournalLine cardholder = e.line(LegRole.CARDHOLDER).orElse(e.lines().getFirst());
        PostingContext c = e.context();
        boolean converted = c.exchangeRate() != null;
        String narrative = e.entryType() == EntryType.POSTING ? cardholder.narrative()
                : cardholder.narrative() + " (" + e.entryType().name().toLowerCase() + " of " + e.correctsJournalId() + ")";
        return new CardEntryNotice(e.journalId().toString().replace("-", ""), postedAt, cardholder.accountNumber(),
                cardholder.amount().currency(), e.journalId(), e.authorizationId(), cardholder.amount(),
                cardholder.side(), postedAt, e.authorizationId(), c.cardToken(), c.rrn(), c.transmissionTime(),
                converted ? c.transactionAmount() : null, converted ? c.exchangeRate() : null, narrative);
    }
}
