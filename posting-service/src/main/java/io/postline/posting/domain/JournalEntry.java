package io.postline.posting.domain;

import io.postline.events.EntryType;
import io.postline.events.EventIds;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostingContext;
import io.postline.events.PostingLeg;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A balanced journal entry: the posting of a complete sequence, or a correction of an earlier entry. Its id
 * derives from the sequence (or correction) id, so posting the same sequence twice yields the same id.
 */
public record JournalEntry(UUID journalId, UUID postingSequenceId, String authorizationId, EntryType entryType,
                           UUID correctsJournalId, Money authorizedAmount, PostingContext context,
                           List<JournalLine> lines) {

    public JournalEntry {
        lines = List.copyOf(lines);
    }

    public static JournalEntry of(PostingSequenceAssembler.Assembly.Complete sequence) {
        PostingLeg first = sequence.legs().getFirst();
        List<JournalLine> lines = sequence.legs().stream().map(l -> new JournalLine(l.legIndex(), l.accountNumber(),
                l.sortCode(), l.side(), l.amount(), l.narrative(), l.role())).toList();
        return new JournalEntry(journalIdOf(sequence.sequenceId()), sequence.sequenceId(), first.authorizationId(),
                EntryType.POSTING, null, first.authorizedAmount(), first.context(), lines);
    }

    public static UUID journalIdOf(UUID sequenceOrCorrectionId) {
        return EventIds.derive(sequenceOrCorrectionId, "posting/journal", 0);
    }

    /** The id of the posted event: one per journal entry, whichever input (re-)emits it. */
    public UUID postedEventId() {
        return postedEventIdOf(journalId);
    }

    public static UUID postedEventIdOf(UUID journalId) {
        return EventIds.derive(journalId, "posting/posted", 0);
    }

    public Optional<JournalLine> line(LegRole role) {
        return lines.stream().filter(l -> l.role() == role).findFirst();
    }
}
