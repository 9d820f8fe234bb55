-- The accepted event's JSON is kept for audit and support, written once and never queried inside by the
-- service. As jsonb, PostgreSQL parsed every one on insert (part of the cost of ingest's heaviest statement,
-- docs/benchmarks.md fifth round). Kept as the JSON text that was published; a query that needs its fields
-- casts it (payload::jsonb).
alter table authorization_received alter column payload type text using payload::text;
