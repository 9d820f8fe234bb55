-- Accepted authorizations of near-realtime and batch sources wait here, as the outbox record they will
-- become, until their micro-batch or window is released (moved to the outbox in one transaction).
create table held_authorization (
    seq         bigserial   primary key,
    event_id    uuid        not null unique,
    source_id   text        not null,
    topic       text        not null,
    message_key text        not null,
    headers     jsonb       not null,
    payload     bytea       not null,
    held_at     timestamptz not null default now()
);
create index held_authorization_source on held_authorization (source_id, seq);

-- Idempotency-Key: the first answer to a key, per endpoint, for the configured time.
create table idempotency_key (
    idempotency_key text        not null,
    endpoint        text        not null,
    request_hash    text        not null,
    status          int         not null,
    response        text        not null,
    created_at      timestamptz not null default now(),
    primary key (idempotency_key, endpoint)
);
create index idempotency_key_created_at on idempotency_key (created_at);

-- File ingest: one job per uploaded file, processed in chunks; lines_done is committed with each chunk,
-- so a restarted service resumes where the last chunk ended and accepts no line twice.
create table ingest_job (
    job_id      uuid        primary key,
    source_id   text        not null,
    format      text        not null,
    status      text        not null check (status in ('RECEIVED', 'RUNNING', 'COMPLETED', 'FAILED')),
    file_path   text        not null,
    bytes       bigint      not null,
    lines_done  int         not null default 0,
    accepted    int         not null default 0,
    rejected    int         not null default 0,
    created_at  timestamptz not null default now(),
    started_at  timestamptz,
    heartbeat   timestamptz,
    finished_at timestamptz,
    failure     text
);
create table ingest_job_error (
    job_id  uuid not null references ingest_job,
    line    int  not null,
    field   text not null,
    message text not null,
    primary key (job_id, line, field)
);

alter table authorization_received add column job_id uuid;
