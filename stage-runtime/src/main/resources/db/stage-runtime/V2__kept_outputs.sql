-- Outputs are kept after publication (marked, not deleted) for the retention period, so that a replayed
-- input can re-emit exactly what its stage emitted before (ARCHITECTURE §6). cause_id is the input event
-- that produced the row; published_at is null until the broker acknowledged it.
alter table outbox add column cause_id uuid, add column published_at timestamptz;
update outbox set published_at = null;
create index outbox_cause_id on outbox (cause_id) where cause_id is not null;
create index outbox_unpublished on outbox (seq) where published_at is null;
drop index outbox_created_at;
