package io.postline.reconciliation.domain;

/**
 * Where an authorization stands. Breaks need auto-patch or an operator; the others are matched or
 * explained (parked duplicate, held, rejected) or still within the grace period.
 */
public enum ReconStatus {
    MATCHED(false),
    AWAITING_POSTING(false),
    PARKED_DUPLICATE(false),
    HELD(false),
    REJECTED(false),
    MISSING_POSTING(true),
    AMOUNT_MISMATCH(true),
    DUPLICATE_POSTING(true),
    ORPHAN_POSTING(true),
    HELD_TOO_LONG(true);

    private final boolean isBreak;

    ReconStatus(boolean isBreak) {
        this.isBreak = isBreak;
    }

    public boolean isBreak() {
        return isBreak;
    }

    /**
     * Open, and nothing already on its way will settle it: held, or a break. It waits for a release, a patch or an
     * operator; an item awaiting its posting is the other open kind.
     */
    public boolean needsAction() {
        return this == HELD || isBreak;
    }

    /** Matched or explained for good: nothing will change the item without a new fact. */
    public boolean isSettled() {
        return this == MATCHED || this == PARKED_DUPLICATE || this == REJECTED;
    }
}
