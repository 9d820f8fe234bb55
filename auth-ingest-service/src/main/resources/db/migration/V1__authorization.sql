-- Every authorization ingest accepted, with the id of the event it became. The card is a token only.
create table authorization_received (
    event_id         uuid        primary key,
    authorization_id text        not null,
    source_id        text        not null,
    payload          jsonb       not null,
    received_at      timestamptz not null
);
create index authorization_received_authorization_id on authorization_received (authorization_id);
