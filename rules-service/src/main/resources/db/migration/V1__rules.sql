-- Every version of the rule set ever saved, as written: the newest is the active one. Rows are never
-- changed, so this table is the audit trail of who changed the rules, when and why.
create table rule_set (
    version     serial      primary key,
    definition  text        not null,
    description text,
    created_by  text        not null,
    comment     text        not null,
    created_at  timestamptz not null default now()
);

-- What the rules decided for every transaction: the rule-set version, the rule that decided and every
-- rule that fired.
create table rule_decision (
    event_id         uuid        primary key,
    authorization_id text        not null,
    rule_set_version text        not null,
    decisive_rule    text        not null,
    fired_rules      text[]      not null,
    outcome          text        not null,
    reason           text,
    decided_at       timestamptz not null default now()
);
create index rule_decision_authorization_id on rule_decision (authorization_id);

create function rule_set_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'rule set versions are never changed; save a new version instead'
        using errcode = 'insufficient_privilege';
end $$;
create trigger rule_set_append_only before update or delete on rule_set
    for each row execute function rule_set_is_append_only();
