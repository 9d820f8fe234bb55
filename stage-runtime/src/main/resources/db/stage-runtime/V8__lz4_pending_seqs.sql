-- A pending-publication row lists every seq its statement stored: 16 kB for a batch of 2,000 outputs, so
-- PostgreSQL compresses it on every insert. With the default (pglz) that cost about 1.2 ms a row of 2,000 seqs
-- (0.6 µs a stored output, in the inserting transaction), lz4 a small fraction of it (measured in
-- docs/benchmarks.md, thirty-second round). As in V4, only where the server was built with lz4.
do $$
begin
    if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table outbox_pending alter column seqs set compression lz4;
    end if;
end $$;
