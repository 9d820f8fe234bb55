package io.postline.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A posting sequence written to the ledger as one balanced journal entry ({@code payments.posting.posted}). */
public record PostingPosted(
        String authorizationId,
        UUID postingSequenceId,
        UUID journalId,
        Money authorizedAmount,
        List<PostedLine> lines,
        Instant postedAt) implements PipelineEvent {

    public PostingPosted {
        Require.present(postingSequenceId, "postingSequenceId");
        Require.present(journalId, "journalId");
        Require.present(authorizedAmount, "authorizedAmount");
        lines = List.copyOf(Require.present(lines, "lines"));
        if (lines.size() < 2) {
            throw new IllegalArgumentException("a journal entry has at least two lines");
        }
        Require.present(postedAt, "postedAt");
    }
}
