-- Journal lines and posting-input lines named their journal entry through foreign keys. A foreign key checks
-- every inserted row on its own: one trigger call and one key-share lock on the entry per line, several lines
-- per authorization. The lock keeps the entry from being deleted or its key changed before the insert commits,
-- which the ledger's append-only triggers already refuse (and TRUNCATE is refused below). What is left of the
-- foreign key, "every line names an entry that exists", is now checked once per statement for the whole batch,
-- by the statement triggers that already see the inserted rows. The check is planned afresh on every call
-- (EXECUTE): a plan cached while the ledger was small (a hash join over all of journal_entry) was kept once it
-- was large, and read the whole table on every batch (the benchmark's 200,000-row file: posting's database time per authorization
-- was 220 µs against 124 with the foreign keys); planned with the table's size, it probes the primary key once
-- per line, and the same measure fell to 97 µs.
alter table journal_line drop constraint journal_line_journal_id_fkey;
alter table bank_input_line drop constraint bank_input_line_journal_id_fkey;

create or replace function journal_lines_balance() returns trigger language plpgsql as $$
declare
    unbalanced   record;
    orphan       uuid;
    orphan_check constant text := 'select n.journal_id from new_lines n where not exists '
        '(select 1 from journal_entry e where e.journal_id = n.journal_id) limit 1';
begin
    execute orphan_check into orphan;
    if orphan is not null then
        raise exception 'journal line names no journal entry: %', orphan
            using errcode = 'foreign_key_violation';
    end if;
    select journal_id, currency into unbalanced
    from new_lines
    group by journal_id, currency
    having sum(case when side = 'D' then amount_minor else -amount_minor end) <> 0
    limit 1;
    if found then
        raise exception 'journal entry % does not balance in %', unbalanced.journal_id, unbalanced.currency
            using errcode = 'check_violation';
    end if;
    return null;
end $$;

create function bank_input_lines_name_entries() returns trigger language plpgsql as $$
declare
    orphan       uuid;
    orphan_check constant text := 'select n.journal_id from new_lines n where not exists '
        '(select 1 from journal_entry e where e.journal_id = n.journal_id) limit 1';
begin
    execute orphan_check into orphan;
    if orphan is not null then
        raise exception 'posting input line names no journal entry: %', orphan
            using errcode = 'foreign_key_violation';
    end if;
    return null;
end $$;

create trigger bank_input_line_names_entry after insert on bank_input_line
    referencing new table as new_lines for each statement execute function bank_input_lines_name_entries();

-- Row triggers do not see TRUNCATE; the foreign keys used to refuse it, now this does.
create trigger journal_entry_no_truncate before truncate on journal_entry
    for each statement execute function ledger_is_append_only();
create trigger journal_line_no_truncate before truncate on journal_line
    for each statement execute function ledger_is_append_only();

-- The posting context is written and read whole by the service; nothing queries inside it. As jsonb, every entry
-- paid for parsing it on insert and printing it on read.
alter table journal_entry alter column context type text using context::text;
