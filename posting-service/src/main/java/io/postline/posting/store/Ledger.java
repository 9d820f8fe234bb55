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
import java.time.Instant;
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
        List<EntryRow> rows = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            rows.add(new EntryRow(entries.get(i), events.get(i), payloads.get(i)));
        }
        insertEntries(rows);
        insertLines(entries);
        updateBalances(entries);
    }

    /** A row of {@code journal_entry}: the entry, the event published for it and that event's bytes. */
    private record EntryRow(JournalEntry entry, PostingPosted event, byte[] payload) {
    }

    /**
     * All entries in one statement of arrays, sent in binary, like the lines: as a JDBC batch every entry's
     * eleven values were bound one at a time and sent as text. The business date travels as days since the
     * epoch and the posting time as microseconds since it (PostgreSQL keeps no finer time).
     */
    private void insertEntries(List<EntryRow> rows) {
        jdbc.update("insert into journal_entry (journal_id, posting_sequence_id, authorization_id, entry_type, "
                        + "corrects_journal_id, business_date, authorized_minor, authorized_currency, context, "
                        + "posted_event, posted_at) select "
                        + SqlArrays.unnested(SqlArrays.UUIDS, SqlArrays.UUIDS, "?::text[]", "?::text[]", SqlArrays.UUIDS)
                        + ", date '1970-01-01' + unnest(?::int[]), "
                        + SqlArrays.unnested("?::bigint[]", "?::char(3)[]", "?::text[]", "?::bytea[]")
                        + ", timestamptz 'epoch' + unnest(?::bigint[]) * interval '1 microsecond'",
                SqlArrays.uuids(rows, r -> r.entry().journalId()),
                SqlArrays.uuids(rows, r -> r.entry().postingSequenceId()),
                SqlArrays.text(rows, r -> r.entry().authorizationId()),
                SqlArrays.text(rows, r -> r.entry().entryType().name()),
                SqlArrays.uuids(rows, r -> r.entry().correctsJournalId()),
                SqlArrays.int4(rows, r -> Math.toIntExact(r.event().businessDate().toEpochDay())),
                SqlArrays.int8(rows, r -> r.entry().authorizedAmount().amountMinor()),
                SqlArrays.text(rows, r -> r.entry().authorizedAmount().currency()),
                SqlArrays.text(rows, r -> EventJson.mapper().writeValueAsString(r.entry().context())),
                SqlArrays.bytea(rows, EntryRow::payload),
                SqlArrays.int8(rows, r -> epochMicros(r.event().postedAt())));
    }

    /** Rounded to the nearest microsecond, a tie upward: PostgreSQL keeps no finer time. */
    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), (instant.getNano() + 500) / 1000);
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

    /** One account's change in one currency: a row of the {@code account_balance} upsert. */
    private record BalanceDelta(String accountNumber, String currency, long debitMinor, long creditMinor) {
    }

    private void updateBalances(List<JournalEntry> entries) {
        Map<String, long[]> deltas = new TreeMap<>(); // "account|currency" -> {debit, credit}, sorted for lock order
        for (JournalEntry e : entries) {
            for (JournalLine l : e.lines()) {
                long[] d = deltas.computeIfAbsent(l.accountNumber() + "|" + l.amount().currency(), k -> new long[2]);
                d[l.side() == EntrySide.DEBIT ? 0 : 1] += l.amount().amountMinor();
            }
        }
        List<BalanceDelta> rows = new ArrayList<>(deltas.size());
        deltas.forEach((key, d) -> {
            int bar = key.lastIndexOf('|');
            rows.add(new BalanceDelta(key.substring(0, bar), key.substring(bar + 1), d[0], d[1]));
        });
        // One statement, rows in the sorted order: the upsert takes the row locks in that order.
        jdbc.update("insert into account_balance (account_number, currency, debit_minor, credit_minor) select "
                        + SqlArrays.unnested("?::text[]", "?::char(3)[]", "?::bigint[]", "?::bigint[]")
                        + " on conflict (account_number, currency) do update set "
                        + "debit_minor = account_balance.debit_minor + excluded.debit_minor, "
                        + "credit_minor = account_balance.credit_minor + excluded.credit_minor",
                SqlArrays.text(rows, BalanceDelta::accountNumber), SqlArrays.text(rows, BalanceDelta::currency),
                SqlArrays.int8(rows, BalanceDelta::debitMinor), SqlArrays.int8(rows, BalanceDelta::creditMinor));
    }
}
