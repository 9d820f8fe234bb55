package io.postline.events;

/**
 * What a leg of a posting sequence stands for. Reconciliation compares the {@code COUNTERPARTY} leg (the
 * principal) with the authorized amount; corrections reuse the roles of the entry they correct.
 */
public enum LegRole {
    /** The cardholder's account: principal plus fees and rounding. */
    CARDHOLDER,
    /** The settlement or suspense account on the other side of the principal. */
    COUNTERPARTY,
    FEE,
    FX_ROUNDING
}
