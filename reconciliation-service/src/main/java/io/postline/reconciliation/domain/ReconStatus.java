package io.postline.reconciliation.domain;

/** Where an authorization stands. The last three are breaks an operator (or auto-patch) must resolve. */
public enum ReconStatus {
    MATCHED(false),
    AWAITING_POSTING(false),
    PARKED_DUPLICATE(false),
    HELD(false),
    AMOUNT_MISMATCH(true),
    DUPLICATE_POSTING(true),
    ORPHAN_POSTING(true);

    private final boolean isBreak;

    ReconStatus(boolean isBreak) {
        this.isBreak = isBreak;
    }

    public boolean isBreak() {
        return isBreak;
    }
}
