package io.postline.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A balanced journal entry written to the ledger ({@code payments.posting.posted}): the posting of a
 * sequence, or a reversal or adjustment of an earlier entry ({@code correctsJournalId}).
 *
 * @param postingSequenceId the sequence posted, or for a correction the correction's id
 * @param authorizedAmount  the authorization's amount as the legs carried it
 * @param businessDate      the bank's business date the entry was booked on
 * @param camt054           the entry's camt.054.001.08 notification for the cardholder account
 * @param bankPostingRecord the bank's posting input for this entry (docs/posting-file.md), for sources
 *                          delivered in real time; null for batch sources, whose entries go to a file
 */
public record PostingPosted(
        String authorizationId,
        UUID postingSequenceId,
        UUID journalId,
        EntryType entryType,
        UUID correctsJournalId,
        Money authorizedAmount,
        List<PostedLine> lines,
        Instant postedAt,
        LocalDate businessDate,
        String camt054,
        String bankPostingRecord) implements PipelineEvent {

    public PostingPosted {
        Require.present(postingSequenceId, "postingSequenceId");
        Require.present(journalId, "journalId");
        Require.present(entryType, "entryType");
        if ((entryType == EntryType.POSTING) != (correctsJournalId == null)) {
            throw new IllegalArgumentException("correctsJournalId is set exactly for a REVERSAL or ADJUSTMENT");
        }
        Require.present(authorizedAmount, "authorizedAmount");
        lines = List.copyOf(Require.present(lines, "lines"));
        if (lines.size() < 2) {
            throw new IllegalArgumentException("a journal entry has at least two lines");
        }
        Require.present(postedAt, "postedAt");
        Require.present(businessDate, "businessDate");
        Require.present(camt054, "camt054");
    }

    /** The principal this entry posted: its counterparty line (absent only if a correction had none). */
    public java.util.Optional<PostedLine> principal() {
        return lines.stream().filter(l -> l.role() == LegRole.COUNTERPARTY).findFirst();
    }
}
