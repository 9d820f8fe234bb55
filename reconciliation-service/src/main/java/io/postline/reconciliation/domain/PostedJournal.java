package io.postline.reconciliation.domain;

import io.postline.events.EntrySide;
import io.postline.events.EntryType;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostedLine;
import io.postline.events.PostingPosted;
import java.time.Instant;
import java.util.UUID;

/**
 * What reconciliation keeps of a posted journal entry.
 *
 * @param principal        what the entry posted against the authorization: the counterparty line when it is
 *                         in the authorization's currency, else the authorized amount the legs carried
 * @param counterpartySide the side of the counterparty line (adjustments are signed against it)
 * @param hasFees          whether the entry has fee lines (computed from the principal)
 */
public record PostedJournal(UUID journalId, EntryType entryType, UUID correctsJournalId, Money principal,
                            EntrySide counterpartySide, boolean hasFees, Instant postedAt) {

    public static PostedJournal of(PostingPosted p) {
        PostedLine counterparty = p.principal().orElse(null);
        Money principal = counterparty != null
                && counterparty.amount().currency().equals(p.authorizedAmount().currency())
                ? counterparty.amount() : p.authorizedAmount();
        boolean fees = p.lines().stream().anyMatch(l -> l.role() == LegRole.FEE);
        return new PostedJournal(p.journalId(), p.entryType(), p.correctsJournalId(), principal,
                counterparty == null ? null : counterparty.side(), fees, p.postedAt());
    }
}
