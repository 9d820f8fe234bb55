-- An outbox row's headers leave out what the row's own columns give (ce_id, ce_subject, ce_type, ce_specversion,
-- content-type: about half of every row's headers; StoredHeaders, docs/architecture.md §3). Rows stored before
-- this have every header written out and no way to tell a left-out header from one the record never had, so
-- each row says which form it has: the runtime writes true, and existing rows (and rows that a service's own
-- migration copies in) read false, as they were (a constant default: no table rewrite).
alter table outbox add column headers_derived boolean not null default false;
