package io.postline.events;

/** Debit or credit side of a double-entry line. */
public enum EntrySide {
    DEBIT, CREDIT;

    public EntrySide opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}
