package io.postline.posting.domain;

import io.postline.events.EntrySide;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostedLine;

/** One line of a journal entry as the ledger keeps it. */
public record JournalLine(int lineNo, String accountNumber, String sortCode, EntrySide side, Money amount,
                          String narrative, LegRole role) {

    public PostedLine posted() {
        return new PostedLine(lineNo, accountNumber, side, amount, role);
    }

    public JournalLine reversed(int newLineNo) {
        return new JournalLine(newLineNo, accountNumber, sortCode, side.opposite(), amount, narrative, role);
    }
}
