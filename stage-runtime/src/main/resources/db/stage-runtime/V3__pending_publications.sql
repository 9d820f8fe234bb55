-- What is still to be published is tracked per writing transaction, not per row. Marking each row
-- published rewrote the row (payload included) and all four of its indexes: profiled at about 30 % of
-- the database's time under load. Now a transaction adds one narrow row listing the seqs it stored, and
-- the relay deletes that row once the broker has acknowledged all of them.
create table outbox_pending (
    batch_id   bigserial   primary key,
    seqs       bigint[]    not null,
    created_at timestamptz not null default now()
);
insert into outbox_pending (seqs)
    select array_agg(seq order by seq) from outbox where published_at is null having count(*) > 0;
drop index outbox_unpublished;
alter table outbox drop column published_at;
-- Retention purge by age: rows arrive in time order, so a BRIN index is enough and costs almost nothing.
create index outbox_created_at_brin on outbox using brin (created_at);

-- For operators and tests: outbox rows not yet acknowledged by the broker.
create view outbox_unpublished as
    select o.*, p.batch_id from outbox_pending p join outbox o on o.seq = any(p.seqs);
