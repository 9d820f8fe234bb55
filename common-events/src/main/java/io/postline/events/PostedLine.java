package io.postline.events;

/** One line of a posted journal entry. */
public record PostedLine(int lineNo, String accountNumber, EntrySide side, Money amount, LegRole role) {
    public PostedLine {
        Require.text(accountNumber, "accountNumber", 34);
        Require.present(side, "side");
        Require.positive(amount, "amount");
        Require.present(role, "role");
    }
}
