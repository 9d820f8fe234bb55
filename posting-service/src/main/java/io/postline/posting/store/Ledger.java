package io.postline.posting.store;

import io.postline.events.EntrySide;
import io.postline.events.EntryType;
import io.postline.events.EventJson;
import io.postline.events.LegRole;
import io.postline.events.Money;
import io.postline.events.PostingContext;
import io.postline.events.PostingPosted;
import io.postline.posting.domain.JournalEntry;
import io.postline.posting.domain.JournalLine;
import io.postline.stage.sql.SqlArrays;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
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
        jdbc.query("select posting_sequence_id from journal_entry where posting_sequence_id = any("
                + SqlArrays.UUIDS + ")", rs -> {
            posted.add(rs.getObject(1, UUID.class));
        }, SqlArrays.uuids(sequenceIds));
        return posted;
    }

    /** The events published for the entries of these sequences (or corrections), by sequence id. */
    public Map<UUID, PostingPosted> postedEvents(Collection<UUID> sequenceIds) {
        Map<UUID, PostingPosted> events = new HashMap<>();
        if (sequenceIds.isEmpty()) {
            return events;
        }
        jdbc.query("select posting_sequence_id, posted_event from journal_entry where posting_sequence_id = any("
                + SqlArrays.UUIDS + ") and posted_event is not null", rs -> {
                    events.put(rs.getObject(1, UUID.class), EventJson.read(rs.getBytes(2), PostingPosted.class));
                }, SqlArrays.uuids(sequenceIds));
        return events;
    }

    /** Journal entries with their lines, by journal id; unknown ids are absent. */
    public Map<UUID, JournalEntry> load(Collection<UUID> journalIds) {
        Map<UUID, JournalEntry> entries = new HashMap<>();
        if (journalIds.isEmpty()) {
            return entries;
        }
        Map<UUID, List<JournalLine>> lines = new HashMap<>();
        jdbc.query("select journal_id, line_no, account_number, sort_code, side, amount_minor, currency, narrative, role "
                + "from journal_line where journal_id = any(" + SqlArrays.UUIDS + ") "
                + "order by journal_id, line_no", rs -> {
                    lines.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new JournalLine(
                            rs.getInt(2), rs.getString(3), rs.getString(4),
                            "D".equals(rs.getString(5)) ? EntrySide.DEBIT : EntrySide.CREDIT,
                            new Money(rs.getLong(6), rs.getString(7).trim()), rs.getString(8),
                            rs.getString(9) == null ? null : LegRole.valueOf(rs.getString(9))));
                }, SqlArrays.uuids(journalIds));
        jdbc.query("select journal_id, posting_sequence_id, authorization_id, entry_type, corrects_journal_id, "
                + "authorized_minor, authorized_currency, context from journal_entry where journal_id = any("
                + SqlArrays.UUIDS + ")", rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    String context = rs.getString(8);
                    entries.put(id, new JournalEntry(id, rs.getObject(2, UUID.class), rs.getString(3),
                            EntryType.valueOf(rs.getString(4)), rs.getObject(5, UUID.class),
                            rs.getString(7) == null ? null : new Money(rs.getLong(6), rs.getString(7).trim()),
                            context == null ? null : EventJson.mapper().readValue(context, PostingContext.class),
                            lines.getOrDefault(id, List.of())));
                }, SqlArrays.uuids(journalIds));
        return entries;
    }

    /** For each of these entries that has been reversed, the reversing entry's id. */
    public Map<UUID, UUID> reversalsOf(Collection<UUID> journalIds) {
        Map<UUID, UUID> reversed = new HashMap<>();
        if (!journalIds.isEmpty()) {
            jdbc.query("select corrects_journal_id, journal_id from journal_entry where entry_type = 'REVERSAL' "
                    + "and corrects_journal_id = any(" + SqlArrays.UUIDS + ")", rs -> {
                        reversed.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                    }, SqlArrays.uuids(journalIds));
        }
        return reversed;
    }

    /** Writes the entries and the events published for them, with each event's serialised form (same order). */
    public void post(List<JournalEntry> entries, List<PostingPosted> events, List<byte[]> payloads) {
        if (entries.isEmpty()) {
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        jdbc.batchUpdate("insert into journal_entry (journal_id, posting_sequence_id, authorization_id, entry_type, "
                        + "corrects_journal_id, business_date, authorized_minor, authorized_currency, context, "
                        + "posted_event, posted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                order, order.size(), (ps, i) -> {
                    JournalEntry e = entries.get(i);
                    PostingPosted p = events.get(i);
                    ps.setObject(1, e.journalId());
                    ps.setObject(2, e.postingSequenceId());
                    ps.setString(3, e.authorizationId());
                    ps.setString(4, e.entryType().name());
                    ps.setObject(5, e.correctsJournalId());
                    ps.setDate(6, Date.valueOf(p.businessDate()));
                    ps.setLong(7, e.authorizedAmount().amountMinor());
                    ps.setString(8, e.authorizedAmount().currency());
                    ps.setString(9, EventJson.mapper().writeValueAsString(e.context()));
                    ps.setBytes(10, payloads.get(i));
                    ps.setTimestamp(11, java.sql.Timestamp.from(p.postedAt()));
                });
        insertLines(entries);
        updateBalances(entries);
    }

    /** One journal line with the entry it belongs to: a row of {@code journal_line}. */
    private record LineRow(UUID journalId, JournalLine line) {
    }

    private void insertLines(List<JournalEntry> entries) {
        List<LineRow> rows = new ArrayList<>();
        for (JournalEntry e : entries) {
            for (JournalLine l : e.lines()) {
                rows.add(new LineRow(e.journalId(), l));
            }
        }
        jdbc.update("insert into journal_line (journal_id, line_no, account_number, side, amount_minor, currency, "
                + "narrative, sort_code, role) select " + SqlArrays.unnested(SqlArrays.UUIDS, "?::int[]", "?::text[]",
                "?::char[]", "?::bigint[]", "?::char(3)[]", "?::text[]", "?::text[]", "?::text[]"),
                SqlArrays.uuids(rows, LineRow::journalId), SqlArrays.int4(rows, r -> r.line().lineNo()),
                SqlArrays.text(rows, r -> r.line().accountNumber()),
                SqlArrays.text(rows, r -> r.line().side() == EntrySide.DEBIT ? "D" : "C"),
                SqlArrays.int8(rows, r -> r.line().amount().amountMinor()),
                SqlArrays.text(rows, r -> r.line().amount().currency()), SqlArrays.text(rows, r -> r.line().narrative()),
                SqlArrays.text(rows, r -> r.line().sortCode()),
                SqlArrays.text(rows, r -> r.line().role() == null ? null : r.line().role().name()));
    }

    private void updateBalances(List<JournalEntry> entries) {
        Map<String, long[]> deltas = new TreeMap<>(); // "account|currency" -> {debit, credit}, sorted for lock order
        for (JournalEntry e : entries) {
            for (JournalLine l : e.lines()) {
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
