-- Keyed fingerprints (HMAC-SHA-256, hex) of authorizations seen within the window. Never card data.
create table fingerprint (
    fingerprint      text        primary key,
    authorization_id text        not null,
    event_id         uuid        not null,
    first_seen       timestamptz not null default now()
);
create index fingerprint_first_seen on fingerprint (first_seen);

-- Authorizations parked as duplicates, never forwarded; an operator may release one.
create table parked_duplicate (
    event_id                  uuid        primary key,
    authorization_id          text        not null,
    reason                    text        not null,
    original_authorization_id text        not null,
    original_event_id         uuid        not null,
    payload                   jsonb       not null,
    parked_at                 timestamptz not null default now()
);
create index parked_duplicate_authorization_id on parked_duplicate (authorization_id);
