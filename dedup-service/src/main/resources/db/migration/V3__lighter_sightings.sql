-- Dedup writes a sighting and a fingerprint for every authorization (docs/benchmarks.md, fourth round).
-- The sighting's payload was parsed into jsonb on every insert, yet it is only ever read back whole (the
-- original of a conflict, for the operator who reviews it): stored as the event's bytes now.
alter table authorization_seen alter column payload type bytea using convert_to(payload::text, 'UTF8');
-- first_seen serves only the purge, which deletes by age, and rows arrive in time order: a BRIN index finds
-- them as well and costs almost nothing per insert, where a B-tree took one more index write per row.
drop index authorization_seen_first_seen;
create index authorization_seen_first_seen on authorization_seen using brin (first_seen);
drop index fingerprint_first_seen;
create index fingerprint_first_seen on fingerprint using brin (first_seen);
