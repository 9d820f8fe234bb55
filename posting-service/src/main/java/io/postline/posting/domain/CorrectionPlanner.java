package io.postline.posting.domain;

import io.postline.events.AdjustmentDirection;
import io.postline.events.EntryType;
import io.postline.events.LegRole;
import io.postline.events.PostingCorrection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a correction request into the journal entry that carries it out, or says why it must not be posted.
 * A reversal mirrors every line of its target; an adjustment moves the principal difference between the
 * target's cardholder and counterparty accounts, and is refused where those are not unambiguous.
 */
public final class CorrectionPlanner {
    private CorrectionPlanner() {
    }

    public sealed interface Plan {
        record Post(JournalEntry entry) implements Plan {
        }

        record Refuse(String reason) implements Plan {
        }
    }

    /**
     * @param target         the entry to correct
     * @param reversedBy     the entry that already reversed {@code target}, or null
     */
    public static Plan plan(PostingCorrection c, JournalEntry target, UUID reversedBy) {
        if (!target.authorizationId().equals(c.authorizationId())) {
            return new Plan.Refuse("journal " + target.journalId() + " belongs to another authorization");
        }
        if (target.entryType() != EntryType.POSTING) {
            return new Plan.Refuse("journal " + target.journalId() + " is a " + target.entryType()
                    + "; only postings are corrected");
        }
        if (reversedBy != null) {
            return new Plan.Refuse("journal " + target.journalId() + " is already reversed by " + reversedBy);
        }
        List<JournalLine> lines = switch (c.kind()) {
            case REVERSAL -> reversal(target);
            case ADJUSTMENT -> adjustment(c, target);
            case POSTING -> throw new IllegalArgumentException("a correction is never a POSTING");
        };
        if (lines.isEmpty()) {
            return new Plan.Refuse("journal " + target.journalId() + " has no cardholder and counterparty lines in "
                    + c.adjustment().currency() + " to adjust");
        }
        return new Plan.Post(new JournalEntry(JournalEntry.journalIdOf(c.correctionId()), c.correctionId(),
                c.authorizationId(), c.kind(), target.journalId(), target.authorizedAmount(), target.context(), lines));
    }

    private static List<JournalLine> reversal(JournalEntry target) {
        List<JournalLine> lines = new ArrayList<>(target.lines().size());
        for (JournalLine l : target.lines()) {
            lines.add(new JournalLine(lines.size(), l.accountNumber(), l.sortCode(), l.side().opposite(), l.amount(),
                    narrative("Reversal", l.narrative()), l.role()));
        }
        return lines;
    }

    private static List<JournalLine> adjustment(PostingCorrection c, JournalEntry target) {
        var cardholder = target.line(LegRole.CARDHOLDER);
        var counterparty = target.line(LegRole.COUNTERPARTY);
        if (cardholder.isEmpty() || counterparty.isEmpty()
                || !cardholder.get().amount().currency().equals(c.adjustment().currency())
                || !counterparty.get().amount().currency().equals(c.adjustment().currency())) {
            return List.of();
        }
        boolean increase = c.direction() == AdjustmentDirection.INCREASE;
        JournalLine ch = cardholder.get();
        JournalLine cp = counterparty.get();
        return List.of(
                new JournalLine(0, ch.accountNumber(), ch.sortCode(), increase ? ch.side() : ch.side().opposite(),
                        c.adjustment(), narrative("Adjustment", ch.narrative()), LegRole.CARDHOLDER),
                new JournalLine(1, cp.accountNumber(), cp.sortCode(), increase ? cp.side() : cp.side().opposite(),
                        c.adjustment(), narrative("Adjustment", cp.narrative()), LegRole.COUNTERPARTY));
    }

    private static String narrative(String prefix, String original) {
        String n = prefix + ": " + original;
        return n.length() > 140 ? n.substring(0, 140) : n;
    }
}
