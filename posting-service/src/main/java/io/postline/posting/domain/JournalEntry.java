package io.postline.posting.domain;

import io.postline.events.EventIds;
import io.postline.events.Money;
import io.postline.events.PostedLine;
import io.postline.events.PostingLeg;
import java.util.List;
import java.util.UUID;

/** A balanced journal entry made from a complete posting sequence. Its id derives from the sequence id. */
public record JournalEntry(UUID journalId, UUID postingSequenceId, String authorizationId, Money authorizedAmount,
                           List<PostingLeg> legs) {

    public static JournalEntry of(PostingSequenceAssembler.Assembly.Complete sequence) {
        PostingLeg first = sequence.legs().getFirst();
        return new JournalEntry(EventIds.derive(sequence.sequenceId(), "posting/journal", 0), sequence.sequenceId(),
                first.authorizationId(), first.authorizedAmount(), sequence.legs());
    }

    public List<PostedLine> lines() {
        return legs.stream().map(l -> new PostedLine(l.legIndex(), l.accountNumber(), l.side(), l.amount())).toList();
    }
}
