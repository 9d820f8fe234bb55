-- The auto-patch scan asks every few seconds for open items (not settled) that have been quiet for the grace
-- period. On (status, updated_at) over every item, an item's received version stayed in that index as
-- (AWAITING_POSTING, t) after its posting moved it on; until a vacuum, each scan's bitmap scan found every such
-- entry and visited its dead heap row: 1.2 s per scan with 100,000 items, against a result of none
-- (docs/benchmarks.md, fifth round). This index holds open items only: a settled version adds no entry (one
-- index write less per authorization), and the scan, an ordered index scan, marks the entries of dead rows
-- so the next scans skip them. Every statement by status says the same predicate (ReconItems.OPEN).
create index recon_item_open on recon_item (updated_at)
    where status not in ('MATCHED', 'PARKED_DUPLICATE', 'REJECTED');
drop index recon_item_status_updated;
