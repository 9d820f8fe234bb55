-- Items keep the received event (for re-drives), the hold, every posted journal entry with its
-- corrections, and the patch bookkeeping. Posted facts move from single columns to the journal list.
alter table recon_item
    add column received_event_id    uuid,
    add column received_payload     bytea,
    add column received_traceparent text,
    add column business_date        date,
    add column held_stage           text,
    add column held_disposition     text,
    add column held_at              timestamptz,
    add column journals             jsonb   not null default '[]',
    add column first_posted_at      timestamptz,
    add column patch_attempts       int     not null default 0,
    add column last_patch_at        timestamptz,
    add column review_required      boolean not null default false,
    drop column posted_count,
    drop column journal_id,
    drop column posted_amount_minor,
    drop column posted_currency,
    drop column posted_at;
create index recon_item_business_date on recon_item (business_date);
-- Items whose status can change with time alone, or that wait for a patch, are found by status and age.
create index recon_item_status_updated on recon_item (status, updated_at);

-- Every patch, automatic or by an operator: who, what, when, why. Append-only.
create table recon_patch (
    patch_id         uuid        primary key,
    authorization_id text        not null,
    kind             text        not null,
    status_before    text        not null,
    reason           text        not null,
    actor            text        not null,
    target_journal   uuid,
    amount_minor     bigint,
    currency         char(3),
    business_date    date,
    created_at       timestamptz not null default now()
);
create index recon_patch_authorization on recon_patch (authorization_id);
create index recon_patch_business_date on recon_patch (business_date);

create function recon_patch_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the patch audit is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger recon_patch_append_only before update or delete on recon_patch
    for each row execute function recon_patch_is_append_only();
