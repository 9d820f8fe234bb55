-- The stored posted event (camt.054 included) is over 2 kB: compressed with lz4 rather than pglz where the
-- server has it (see the stage runtime's V4 migration for why).
do $$
begin
    if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table journal_entry alter column posted_event set compression lz4;
    end if;
end $$;
