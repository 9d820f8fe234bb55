package io.postline.events;

/** Whether an adjustment adds to the principal posted by the entry it corrects, or takes from it. */
public enum AdjustmentDirection {
    INCREASE,
    DECREASE
}
