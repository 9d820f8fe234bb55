-- Journal lines and posting-input lines named their journal entry through foreign keys. A foreign key checks
-- every inserted row on its own: one trigger call and one key-share lock on the entry per line, several lines
-- per authorization. The lock keeps the entry from being deleted or its key changed before the insert commits,
-- which the ledger's append-only triggers already refuse (and TRUNCATE is refused below). What is left of the
-- foreign key, "every line names an entry that exists", is now checked once per statement for the whole batch,
-- by statement triggers over the inserted rows (beside the one that balances journal lines).
-- The check is planned afresh on every call (EXECUTE): a plan cached while the ledger was small (a hash join over
-- all of journal_entry) was kept once it was large, and read the whole table on every batch (the benchmark's
-- 200,000-row file: posting's database time per authorization was 220 µs against 124 with the foreign keys);
-- planned with the table's size, it probes the primary key once per line, and the same measure fell to 97 µs.
alter table journal_line drop constraint journal_line_journal_id_fkey;
alter table bank_input_line drop constraint bank_input_line_journal_id_fkey;

-- One function for both kinds of line; the trigger's argument names the kind in the error.
create function ledger_lines_name_entries() returns trigger language plpgsql as $$
declare
    orphan       uuid;
    orphan_check constant text := 'select n.journal_id from new_lines n where not exists '
        '(select 1 from journal_entry e where e.journal_id = n.journal_id) limit 1';
begin
    execute orphan_check into orphan;
    if orphan is not null then
        raise exception '% names no journal entry: %', tg_argv[0], orphan
            using errcode = 'foreign_key_violation';
    end if;
    return null;
end $$;

create trigger journal_line_names_entry after insert on journal_line
    referencing new table as new_lines for each statement execute function ledger_lines_name_entries('journal line');
create trigger bank_input_line_names_entry after insert on bank_input_line
    referencing new table as new_lines for each statement
    execute function ledger_lines_name_entries('posting input line');

-- Row triggers do not see TRUNCATE; the foreign keys used to refuse it, now this does.
create trigger journal_entry_no_truncate before truncate on journal_entry
    for each statement execute function ledger_is_append_only();
create trigger journal_line_no_truncate before truncate on journal_line
    for each statement execute function ledger_is_append_only();

-- The posting context is written and read whole by the service; nothing queries inside it. As jsonb, every entry
-- paid for parsing it on insert and printing it on read.
alter table journal_entry alter column context type text using context::text;
