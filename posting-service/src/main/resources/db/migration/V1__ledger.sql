-- Legs waiting for the rest of their sequence.
create table pending_leg (
    posting_sequence_id uuid        not null,
    leg_index           int         not null,
    leg_count           int         not null,
    authorization_id    text        not null,
    payload             jsonb       not null,
    received_at         timestamptz not null default now(),
    primary key (posting_sequence_id, leg_index)
);

-- The double-entry journal. One entry per posting sequence (posting is idempotent per sequence).
create table journal_entry (
    journal_id          uuid        primary key,
    posting_sequence_id uuid        not null unique,
    authorization_id    text        not null,
    posted_at           timestamptz not null default now()
);
create index journal_entry_authorization_id on journal_entry (authorization_id);

create table journal_line (
    journal_id     uuid    not null references journal_entry,
    line_no        int     not null,
    account_number text    not null,
    side           char(1) not null check (side in ('D', 'C')),
    amount_minor   bigint  not null check (amount_minor > 0),
    currency       char(3) not null,
    narrative      text    not null,
    primary key (journal_id, line_no)
);

-- Running balances, kept in the same transaction as the lines.
create table account_balance (
    account_number text    not null,
    currency       char(3) not null,
    debit_minor    bigint  not null default 0,
    credit_minor   bigint  not null default 0,
    primary key (account_number, currency)
);

-- The database itself refuses an unbalanced journal entry: all lines of an entry are inserted in one
-- statement, and per entry and currency their debits must equal their credits.
create function journal_lines_balance() returns trigger language plpgsql as $$
declare
    unbalanced record;
begin
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

create trigger journal_line_balanced after insert on journal_line
    referencing new table as new_lines for each statement execute function journal_lines_balance();

-- The ledger is append-only: corrections are new (reversal) entries, never edits.
create function ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

create trigger journal_line_append_only before update or delete on journal_line
    for each row execute function ledger_is_append_only();
create trigger journal_entry_append_only before update or delete on journal_entry
    for each row execute function ledger_is_append_only();
