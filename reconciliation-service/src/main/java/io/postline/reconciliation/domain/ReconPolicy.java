package io.postline.reconciliation.domain;

import java.time.Duration;

/**
 * The rules reconciliation classifies and patches by.
 *
 * @param grace              how long an item must be quiet (no new facts) before it is classified as missing
 *                           and before any patch; also the pause between patch attempts
 * @param heldSla            how long a hold may last before it is a break
 * @param maxPatchAttempts   automatic patches per item; after that it waits for an operator
 * @param mismatchAction     what an amount mismatch gets
 */
public record ReconPolicy(Duration grace, Duration heldSla, int maxPatchAttempts, MismatchAction mismatchAction) {

    public enum MismatchAction {
        /** Post the principal difference where the entry makes that unambiguous; else hold for review. */
        ADJUST,
        HOLD_FOR_REVIEW
    }
}
