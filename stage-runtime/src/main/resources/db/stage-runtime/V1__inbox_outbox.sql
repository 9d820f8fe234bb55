-- Tables of the stage runtime, in every service's own schema (history table: stage_runtime_history).

-- Event ids this stage has processed. A repeat is a no-op (INSERT ... ON CONFLICT DO NOTHING).
create table inbox (
    event_id    uuid        primary key,
    received_at timestamptz not null default now()
);

-- Events written in the same transaction as the stage's state, published by the relay after commit
-- and deleted once the broker acknowledged them. seq keeps the publication order.
create table outbox (
    seq         bigserial   primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    message_key text,
    headers     jsonb       not null,
    payload     bytea       not null,
    created_at  timestamptz not null default now()
);
create index outbox_created_at on outbox (created_at);
