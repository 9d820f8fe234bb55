-- Authorization ids seen within the window, with a keyed hash of their content, so a resend (same id,
-- same content) is dropped and a modified request (same id, other content) is parked as a conflict.
create table authorization_seen (
    authorization_id text        primary key,
    event_id         uuid        not null,
    content_hash     text        not null,
    payload          jsonb       not null,
    first_seen       timestamptz not null default now()
);
create index authorization_seen_first_seen on authorization_seen (first_seen);

-- Resends dropped as such: counted in metrics, kept here for audit until the window passes.
create table dropped_resend (
    event_id          uuid        primary key,
    authorization_id  text        not null,
    original_event_id uuid        not null,
    seen_at           timestamptz not null default now()
);
create index dropped_resend_seen_at on dropped_resend (seen_at);

-- A parked conflict keeps both versions; a released duplicate records who released it, when and why.
alter table parked_duplicate
    add column original_payload jsonb,
    add column released_at      timestamptz,
    add column released_by      text,
    add column release_reason   text;
create index parked_duplicate_parked_at on parked_duplicate (parked_at);
