-- Outputs written now but published later (a batch source's authorizations wait for their window): they are
-- outbox rows like any other, listed here under a hold key instead of in outbox_pending. A release deletes
-- these narrow rows and lists the same seqs in outbox_pending, so the payload is written once. The retention
-- purge keeps held rows, however old.
create table outbox_held (
    seq      bigint      primary key,
    hold_key text        not null,
    held_at  timestamptz not null default now()
);
create index outbox_held_key on outbox_held (hold_key, seq);
