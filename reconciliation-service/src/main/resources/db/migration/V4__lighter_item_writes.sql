-- Every authorization writes its item twice (received, then posted), and the second write is not HOT (its
-- status changes), so each write adds an entry to every index of the table (docs/benchmarks.md, fourth round).
-- business_date serves the end-of-day report's scan of one date; items arrive in time order, so a BRIN index
-- finds a date's pages as well and costs almost nothing per write.
drop index recon_item_business_date;
create index recon_item_business_date on recon_item using brin (business_date);
-- The journal list is read and written whole by the service, never queried inside: kept as its JSON text, so
-- the database does not parse it into jsonb on every write.
alter table recon_item alter column journals drop default;
alter table recon_item alter column journals type text using journals::text;
alter table recon_item alter column journals set default '[]';
