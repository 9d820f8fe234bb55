package io.postline.enrichment.domain;

import io.postline.events.AccountRef;

/** An account as reference data knows it, with its status. */
public record AccountRecord(AccountRef ref, AccountStatus status) {
    public enum AccountStatus {
        OPEN, BLOCKED, CLOSED
    }
}
