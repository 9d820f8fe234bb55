-- docker compose: one PostgreSQL, one schema per service, created at first start (Flyway then migrates each).
create schema if not exists ingest;
create schema if not exists dedup;
create schema if not exists standardizer;
create schema if not exists enrichment;
create schema if not exists rules;
create schema if not exists posting;
create schema if not exists reconciliation;
