package io.postline.posting.store;

import io.postline.events.EntrySide;
import io.postline.events.PostingLeg;
import io.postline.posting.domain.JournalEntry;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Writes journal entries, their lines and the running balances. All lines of a batch go in one statement,
 * which is what the database's balance trigger checks; balances are aggregated per account first and
 * updated in a fixed order, so concurrent batches cannot deadlock on them.
 */
@Repository
public class Ledger {
    private final JdbcTemplate jdbc;

    public Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Set<UUID> postedAmong(Collection<UUID> sequenceIds) {
        Set<UUID> posted = new HashSet<>();
        if (sequenceIds.isEmpty()) {
            return posted;
        }
        jdbc.query("select posting_sequence_id from journal_entry where posting_sequence_id = any(?)", rs -> {
            posted.add(rs.getObject(1, UUID.class));
        }, new SqlArrayValue("uuid", sequenceIds.toArray()));
        return posted;
    }

    public void post(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into journal_entry (journal_id, posting_sequence_id, authorization_id) values (?, ?, ?)",
                entries, entries.size(), (ps, e) -> {
                    ps.setObject(1, e.journalId());
                    ps.setObject(2, e.postingSequenceId());
                    ps.setString(3, e.authorizationId());
                });
        insertLines(entries);
        updateBalances(entries);
    }

    private void insertLines(List<JournalEntry> entries) {
        List<Object[]> lines = entries.stream().flatMap(e -> e.legs().stream().map(l -> new Object[]{e.journalId(),
                l.legIndex(), l.accountNumber(), l.side() == EntrySide.DEBIT ? "D" : "C", l.amount().amountMinor(),
                l.amount().currency(), l.narrative()})).toList();
        String[] types = {"uuid", "int4", "text", "text", "int8", "text", "text"};
        Object[] columns = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
            final int col = c;
            columns[c] = new SqlArrayValue(types[c], lines.stream().map(row -> row[col]).toArray());
        }
        jdbc.update("insert into journal_line (journal_id, line_no, account_number, side, amount_minor, currency, narrative) "
                + "select * from unnest(?::uuid[], ?::int[], ?::text[], ?::char[], ?::bigint[], ?::char(3)[], ?::text[])",
                columns);
    }

    private void updateBalances(List<JournalEntry> entries) {
        Map<String, long[]> deltas = new TreeMap<>(); // "account|currency" -> {debit, credit}, sorted for lock order
        for (JournalEntry e : entries) {
            for (PostingLeg l : e.legs()) {
                long[] d = deltas.computeIfAbsent(l.accountNumber() + "|" + l.amount().currency(), k -> new long[2]);
                d[l.side() == EntrySide.DEBIT ? 0 : 1] += l.amount().amountMinor();
            }
        }
        List<Map.Entry<String, long[]>> rows = List.copyOf(deltas.entrySet());
        jdbc.batchUpdate("insert into account_balance (account_number, currency, debit_minor, credit_minor) "
                        + "values (?, ?, ?, ?) on conflict (account_number, currency) do update set "
                        + "debit_minor = account_balance.debit_minor + excluded.debit_minor, "
                        + "credit_minor = account_balance.credit_minor + excluded.credit_minor",
                rows, rows.size(), (ps, row) -> {
                    int bar = row.getKey().lastIndexOf('|');
                    ps.setString(1, row.getKey().substring(0, bar));
                    ps.setString(2, row.getKey().substring(bar + 1));
                    ps.setLong(3, row.getValue()[0]);
                    ps.setLong(4, row.getValue()[1]);
                });
    }
}
