-- The posted event is kept as the exact bytes that were published, not as jsonb: nothing queries inside it,
-- and jsonb made the database parse every 2 kB event on insert and print it again on every read.
alter table journal_entry alter column posted_event type bytea using convert_to(posted_event::text, 'UTF8');
do $$
begin
    if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table journal_entry alter column posted_event set compression lz4;
    end if;
end $$;
