package io.postline.events;

/** The kind of a journal entry: a posting of a sequence, or a correction of an earlier entry. */
public enum EntryType {
    POSTING,
    /** Every line of the corrected entry, sides swapped. */
    REVERSAL,
    /** The principal difference on the corrected entry's cardholder and counterparty accounts. */
    ADJUSTMENT
}
