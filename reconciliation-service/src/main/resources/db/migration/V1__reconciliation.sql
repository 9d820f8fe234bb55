-- One row per authorization id: what was expected (received), explained (parked, held) and posted.
create table recon_item (
    authorization_id      text        primary key,
    received_count        int         not null default 0,
    expected_amount_minor bigint,
    expected_currency     char(3),
    received_at           timestamptz,
    parked_duplicate      boolean     not null default false,
    held_reason           text,
    posted_count          int         not null default 0,
    journal_id            uuid,
    posted_amount_minor   bigint,
    posted_currency       char(3),
    posted_at             timestamptz,
    status                text        not null,
    updated_at            timestamptz not null default now()
);
create index recon_item_status on recon_item (status);
