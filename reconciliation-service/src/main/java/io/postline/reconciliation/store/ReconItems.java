package io.postline.reconciliation.store;

import io.postline.events.Money;
import io.postline.reconciliation.domain.ReconItem;
import io.postline.reconciliation.domain.ReconStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** Reconciliation items: loaded and locked per batch, written back in one batch. */
@Repository
public class ReconItems {
    private static final String COLUMNS = "authorization_id, received_count, expected_amount_minor, expected_currency, "
            + "received_at, parked_duplicate, held_reason, posted_count, journal_id, posted_amount_minor, "
            + "posted_currency, posted_at";
    private final JdbcTemplate jdbc;

    public ReconItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The items of these ids, locked until the transaction ends. */
    public Map<String, ReconItem> lock(Collection<String> authorizationIds) {
        Map<String, ReconItem> items = new HashMap<>();
        jdbc.query("select " + COLUMNS + " from recon_item where authorization_id = any(?) "
                + "order by authorization_id for update", rs -> {
                    ReconItem item = map(rs);
                    items.put(item.authorizationId(), item);
                }, new SqlArrayValue("text", authorizationIds.toArray()));
        return items;
    }

    public void save(Collection<ReconItem> items) {
        List<ReconItem> rows = List.copyOf(items);
        jdbc.batchUpdate("insert into recon_item (" + COLUMNS + ", status, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (authorization_id) do update set "
                + "received_count = excluded.received_count, expected_amount_minor = excluded.expected_amount_minor, "
                + "expected_currency = excluded.expected_currency, received_at = excluded.received_at, "
                + "parked_duplicate = excluded.parked_duplicate, held_reason = excluded.held_reason, "
                + "posted_count = excluded.posted_count, journal_id = excluded.journal_id, "
                + "posted_amount_minor = excluded.posted_amount_minor, posted_currency = excluded.posted_currency, "
                + "posted_at = excluded.posted_at, status = excluded.status, updated_at = now()", rows, rows.size(),
                (ps, i) -> {
                    ps.setString(1, i.authorizationId());
                    ps.setInt(2, i.receivedCount());
                    ps.setObject(3, i.expected() == null ? null : i.expected().amountMinor());
                    ps.setString(4, i.expected() == null ? null : i.expected().currency());
                    ps.setTimestamp(5, ts(i.receivedAt()));
                    ps.setBoolean(6, i.parkedDuplicate());
                    ps.setString(7, i.heldReason());
                    ps.setInt(8, i.postedCount());
                    ps.setObject(9, i.journalId());
                    ps.setObject(10, i.posted() == null ? null : i.posted().amountMinor());
                    ps.setString(11, i.posted() == null ? null : i.posted().currency());
                    ps.setTimestamp(12, ts(i.postedAt()));
                    ps.setString(13, i.status().name());
                });
    }

    public Optional<ReconItem> find(String authorizationId) {
        return jdbc.query("select " + COLUMNS + " from recon_item where authorization_id = ?", (rs, n) -> map(rs),
                authorizationId).stream().findFirst();
    }

    public Map<ReconStatus, Long> countByStatus() {
        Map<ReconStatus, Long> counts = new EnumMap<>(ReconStatus.class);
        for (ReconStatus s : ReconStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("select status, count(*) from recon_item group by status",
                rs -> {
                    counts.put(ReconStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    private static ReconItem map(ResultSet rs) throws SQLException {
        return new ReconItem(rs.getString(1), rs.getInt(2), money(rs, 3, 4), instant(rs.getTimestamp(5)),
                rs.getBoolean(6), rs.getString(7), rs.getInt(8), rs.getObject(9, UUID.class), money(rs, 10, 11),
                instant(rs.getTimestamp(12)));
    }

    private static Money money(ResultSet rs, int amount, int currency) throws SQLException {
        long minor = rs.getLong(amount);
        return rs.wasNull() ? null : new Money(minor, rs.getString(currency).trim());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
