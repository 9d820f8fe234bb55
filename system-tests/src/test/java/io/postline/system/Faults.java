package io.postline.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fault injection in the services' own databases: a trigger that silently drops the next {@code count}
 * rows inserted into a table for one key (an authorization id), optionally keeping a copy. On a stage's
 * outbox this is "the output row vanished before it was relayed" (the relay publishes only what was
 * stored); on a domain table it is "the consumed record's effect was lost" while the inbox says done.
 */
final class Faults {
    private final Connection db;

    Faults(Connection db) throws SQLException {
        this.db = db;
        execute("""
                create table if not exists public.fault_rule (
                    target text not null, match_key text not null, remaining int not null, capture boolean not null,
                    primary key (target, match_key));
                create table if not exists public.fault_captured (
                    target text not null, match_key text not null, row_data jsonb not null,
                    captured_at timestamptz not null default now());
                create or replace function public.fault_drop() returns trigger language plpgsql as $$
                declare
                    t text := tg_table_schema || '.' || tg_table_name;
                    k text := to_jsonb(new) ->> tg_argv[0];
                    rule public.fault_rule;
                begin
                    if tg_table_name = 'outbox' then
                        if (to_jsonb(new) ->> 'topic') like '%.dlt' then
                            return new;
                        end if;
                    end if;
                    update public.fault_rule set remaining = remaining - 1
                        where target = t and match_key = k and remaining > 0 returning * into rule;
                    if not found then
                        return new;
                    end if;
                    if rule.capture then
                        insert into public.fault_captured (target, match_key, row_data) values (t, k, to_jsonb(new));
                    end if;
                    return null;
                end $$;
                """);
    }

    /** Installs the dropping trigger on a table once; {@code keyColumn} holds the authorization id. */
    Faults on(String table, String keyColumn) throws SQLException {
        String name = "fault_drop_" + table.replace('.', '_');
        execute("drop trigger if exists " + name + " on " + table + "; create trigger " + name
                + " before insert on " + table + " for each row execute function public.fault_drop('" + keyColumn + "')");
        return this;
    }

    /** Drops the next {@code count} rows for the key; with {@code capture} a copy goes to fault_captured. */
    void drop(String table, String key, int count, boolean capture) throws SQLException {
        try (var st = db.prepareStatement("insert into public.fault_rule values (?, ?, ?, ?)")) {
            st.setString(1, table);
            st.setString(2, key);
            st.setInt(3, count);
            st.setBoolean(4, capture);
            st.executeUpdate();
        }
    }

    /** How many rows of the rule are still to be dropped. */
    int remaining(String table, String key) throws SQLException {
        try (var st = db.prepareStatement("select remaining from public.fault_rule where target = ? and match_key = ?")) {
            st.setString(1, table);
            st.setString(2, key);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** The rows dropped with capture, as JSON of the row. */
    List<String> captured(String table, String key) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var st = db.prepareStatement("select row_data::text from public.fault_captured where target = ? "
                + "and match_key = ? order by captured_at")) {
            st.setString(1, table);
            st.setString(2, key);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute(sql);
        }
    }
}
