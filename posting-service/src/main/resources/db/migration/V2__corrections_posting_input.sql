-- Journal entries now also record corrections (reversals and adjustments of an earlier entry), the business
-- date, the posting context and the event published for them, so a replay re-emits exactly that event.
alter table journal_entry
    add column entry_type          text not null default 'POSTING' check (entry_type in ('POSTING', 'REVERSAL', 'ADJUSTMENT')),
    add column corrects_journal_id uuid references journal_entry,
    add column business_date       date,
    add column authorized_minor    bigint,
    add column authorized_currency char(3),
    add column context             jsonb,
    add column posted_event        jsonb;
-- At most one reversal per entry, whoever asks for it.
create unique index journal_entry_one_reversal on journal_entry (corrects_journal_id) where entry_type = 'REVERSAL';

alter table journal_line
    add column sort_code text,
    add column role      text;

-- Sequences still incomplete after the timeout are reported once (event, metric, operator API).
alter table pending_leg add column reported_at timestamptz;

-- Detail records of batch sources, waiting for their window's file.
create table bank_input_line (
    seq           bigserial primary key,
    source_id     text    not null,
    journal_id    uuid    not null references journal_entry,
    line_no       int     not null,
    side          char(1) not null check (side in ('D', 'C')),
    amount_minor  bigint  not null,
    record        text    not null,
    file_id       uuid,
    unique (journal_id, line_no)
);
create index bank_input_line_open on bank_input_line (source_id, seq) where file_id is null;

-- One posting file per closed window of a batch source.
create table bank_input_file (
    file_id       uuid        primary key,
    source_id     text        not null,
    business_date date        not null,
    created_at    timestamptz not null,
    record_count  int         not null,
    debit_hash    bigint      not null,
    credit_hash   bigint      not null,
    content       text        not null,
    sha256        text        not null,
    closed_by     text        not null,
    file_name     text        not null,
    delivered_at  timestamptz
);
