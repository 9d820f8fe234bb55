-- Reference data enrichment serves from memory. Only what posting needs about a holder is kept.
create table account (
    account_number text primary key,
    sort_code      text check (sort_code ~ '^[0-9]{2}-[0-9]{2}-[0-9]{2}$'),
    currency       char(3) not null,
    status         text    not null check (status in ('OPEN', 'BLOCKED', 'CLOSED')),
    holder_name    text    not null,
    product_type   text    not null
);

-- Card tokens (never PANs) and the account each one draws on.
create table card (
    card_token     text primary key,
    account_number text not null references account
);
