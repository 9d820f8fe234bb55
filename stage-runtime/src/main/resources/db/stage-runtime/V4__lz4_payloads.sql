-- Payloads over about 2 kB are compressed by PostgreSQL when stored. Its default (pglz) was the largest
-- single cost in the database under load (profiled with perf: 14 % of its CPU); lz4 is several times
-- cheaper. Only where the server was built with lz4 (PostgreSQL 14+ from Debian, the official images
-- and the large clouds are); otherwise the default stays.
do $$
begin
    if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table outbox alter column payload set compression lz4;
    end if;
end $$;
