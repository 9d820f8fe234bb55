package io.postline.reconciliation.store;

import io.postline.events.EventJson;
import io.postline.events.Money;
import io.postline.reconciliation.domain.PostedJournal;
import io.postline.reconciliation.domain.ReconItem;
import io.postline.reconciliation.domain.ReconStatus;
import io.postline.stage.sql.PlannedPerCall;
import io.postline.stage.sql.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Reconciliation items: loaded and locked per batch, written back in one batch with their status. */
@Repository
public class ReconItems {
    private static final TypeReference<List<PostedJournal>> JOURNALS = new TypeReference<>() {
    };
    private static final String COLUMNS = "authorization_id, received_event_id, received_count, expected_amount_minor, "
            + "expected_currency, received_at, parked_duplicate, held_stage, held_reason, held_disposition, held_at, "
            + "journals, patch_attempts, last_patch_at, review_required";
    /**
     * The open items: those not settled. The same predicate as the partial index {@code recon_item_open}
     * (V5), which holds only them, so the planner uses that index for every statement that says it, prepared
     * (generic) plans included.
     */
    public static final String OPEN = "status not in (" + names(ReconStatus::isSettled) + ")";
    /**
     * The open items that need action (held or broken): the predicate of the partial index
     * {@code recon_item_needing_action} (V8). An item on its way to its posting is never in it, so it stays small
     * while posting works through a backlog, when nearly every open item awaits its posting.
     */
    public static final String NEEDING_ACTION = "status in (" + names(ReconStatus::needsAction) + ")";
    /** The item lock: a batch's items in key order, so that two batches lock the items they share in one order. */
    private static final String LOCK = "select " + COLUMNS + " from recon_item where authorization_id = any(?) "
            + "order by authorization_id for update";
    private static final String INSERT = "insert into recon_item (authorization_id, received_event_id, received_count, "
            + "expected_amount_minor, expected_currency, received_at, parked_duplicate, held_stage, held_reason, "
            + "held_disposition, held_at, journals, patch_attempts, last_patch_at, review_required, status, "
            + "business_date, first_posted_at, updated_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())";
    private static final String UPSERT = INSERT
            + " on conflict (authorization_id) do update set received_event_id = excluded.received_event_id, "
            + "received_count = excluded.received_count, expected_amount_minor = excluded.expected_amount_minor, "
            + "expected_currency = excluded.expected_currency, received_at = excluded.received_at, "
            + "parked_duplicate = excluded.parked_duplicate, held_stage = excluded.held_stage, "
            + "held_reason = excluded.held_reason, held_disposition = excluded.held_disposition, "
            + "held_at = excluded.held_at, journals = excluded.journals, patch_attempts = excluded.patch_attempts, "
            + "last_patch_at = excluded.last_patch_at, review_required = excluded.review_required, "
            + "status = excluded.status, business_date = excluded.business_date, "
            + "first_posted_at = excluded.first_posted_at, updated_at = now()";
    private final JdbcTemplate jdbc;

    public ReconItems(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The received event as it arrived, kept so the authorization can be re-driven. */
    public record Received(UUID eventId, byte[] payload, String traceparent) {
    }

    /** An item with what its row says besides the facts. */
    public record Stored(ReconItem item, ReconStatus status, Instant updatedAt, LocalDate businessDate) {
    }

    /**
     * The items of these ids, locked until the transaction ends. Planned per call: the table grows from empty, and
     * a plan cached in its first seconds would read all of it for every batch after ({@link PlannedPerCall}).
     */
    public Map<String, ReconItem> lock(Collection<String> authorizationIds) {
        Map<String, ReconItem> items = new HashMap<>();
        jdbc.query(PlannedPerCall.of(LOCK, SqlArrays.text(authorizationIds)), rs -> {
            ReconItem item = map(rs);
            items.put(item.authorizationId(), item);
        });
        return items;
    }

    /**
     * Items with one of these statuses not updated for {@code quietFor}, locked, skipping rows another
     * instance holds; at most {@code limit}.
     */
    public List<ReconItem> lockQuiet(Collection<ReconStatus> statuses, java.time.Duration quietFor, int limit) {
        if (!allOpen(statuses)) {
            throw new IllegalArgumentException("the quiet-item scan is for open statuses only: " + statuses);
        }
        return jdbc.query(quietScan(statuses), (rs, n) -> map(rs), SqlArrays.names(statuses),
                quietFor.toMillis() / 1000.0, limit);
    }

    /** The auto-patch scan's statement for these (open) statuses: items quiet for a while, oldest first. */
    public static String quietScan(Collection<ReconStatus> statuses) {
        return "select " + COLUMNS + " from recon_item where " + indexedBy(statuses) + "status = any(?) "
                + "and updated_at < now() - make_interval(secs => ?) order by updated_at limit ? for update skip locked";
    }

    public record Row(ReconItem item, ReconStatus status, LocalDate businessDate) {
    }

    /** Writes the items back, each inserted or updated, and keeps the received events not kept before. */
    public void save(List<Row> rows, Map<String, Received> received) {
        write(UPSERT, rows);
        keep(received, true);
    }

    /**
     * What a batch of arrivals writes. Unless {@code repeatsTolerated}, the items in {@code newIds} (none of them
     * found by {@link #lock}) and the received events are written with plain inserts, which fail on a row stored
     * before ({@link io.postline.stage.StageOutput#repeatsTolerated()}); the other items are updated.
     */
    public void saveArrivals(List<Row> rows, Set<String> newIds, Map<String, Received> received,
                             boolean repeatsTolerated) {
        if (repeatsTolerated) {
            save(rows, received);
            return;
        }
        Map<Boolean, List<Row>> byNew = rows.stream()
                .collect(Collectors.partitioningBy(r -> newIds.contains(r.item().authorizationId())));
        write(INSERT, byNew.get(true));
        write(UPSERT, byNew.get(false));
        keep(received, false);
    }

    private void write(String sql, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(sql, rows, rows.size(), (ps, row) -> {
            ReconItem i = row.item();
            ps.setString(1, i.authorizationId());
            ps.setObject(2, i.receivedEventId());
            ps.setInt(3, i.receivedCount());
            ps.setObject(4, i.expected() == null ? null : i.expected().amountMinor());
            ps.setString(5, i.expected() == null ? null : i.expected().currency());
            ps.setTimestamp(6, ts(i.receivedAt()));
            ps.setBoolean(7, i.parkedDuplicate());
            ps.setString(8, i.held() == null ? null : i.held().stage());
            ps.setString(9, i.held() == null ? null : i.held().reasonCode());
            ps.setString(10, i.held() == null ? null : i.held().disposition());
            ps.setTimestamp(11, i.held() == null ? null : ts(i.held().heldAt()));
            ps.setString(12, EventJson.mapper().writeValueAsString(i.journals()));
            ps.setInt(13, i.patchAttempts());
            ps.setTimestamp(14, ts(i.lastPatchAt()));
            ps.setBoolean(15, i.reviewRequired());
            ps.setString(16, row.status().name());
            ps.setObject(17, row.businessDate());
            ps.setTimestamp(18, ts(i.firstPostedAt()));
        });
    }

    /**
     * Keeps each authorization's first received event, in one statement: when tolerating repeats, a later one of
     * the same id is left alone; otherwise none is expected, and one fails the plain insert.
     */
    private void keep(Map<String, Received> received, boolean repeatsTolerated) {
        if (received.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Received>> rows = List.copyOf(received.entrySet());
        jdbc.update("insert into recon_received_event (authorization_id, event_id, payload, traceparent) "
                        + "select " + SqlArrays.unnested("?::text[]", SqlArrays.UUIDS, "?::bytea[]", "?::text[]")
                        + (repeatsTolerated ? " on conflict (authorization_id) do nothing" : ""),
                SqlArrays.text(rows, Map.Entry::getKey), SqlArrays.uuids(rows, r -> r.getValue().eventId()),
                SqlArrays.bytea(rows, r -> r.getValue().payload()), SqlArrays.text(rows, r -> r.getValue().traceparent()));
    }

    public Optional<Received> received(String authorizationId) {
        return jdbc.query("select event_id, payload, traceparent from recon_received_event where authorization_id = ?",
                (rs, n) -> new Received(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3)), authorizationId)
                .stream().findFirst();
    }

    public Optional<Stored> find(String authorizationId) {
        return jdbc.query("select " + COLUMNS + ", status, updated_at, business_date from recon_item "
                        + "where authorization_id = ?", (rs, n) -> stored(rs), authorizationId).stream().findFirst();
    }

    /** A page of items in these statuses (all breaks when empty), optionally of one business date. */
    public List<Stored> page(Collection<ReconStatus> statuses, LocalDate businessDate, int page, int size) {
        return jdbc.query("select " + COLUMNS + ", status, updated_at, business_date from recon_item "
                        + "where " + indexedBy(statuses) + "status = any(?) "
                        + "and (?::date is null or business_date = ?::date) "
                        + "order by updated_at, authorization_id limit ? offset ?", (rs, n) -> stored(rs),
                SqlArrays.names(statuses), businessDate, businessDate,
                size, (long) page * size);
    }

    /** Ids of items in these statuses received in [from, to), oldest first. */
    public List<String> receivedBetween(Collection<ReconStatus> statuses, java.time.Instant from, java.time.Instant to,
                                        int limit) {
        return jdbc.queryForList("select authorization_id from recon_item where " + indexedBy(statuses)
                        + "status = any(?) and received_at >= ? and received_at < ? "
                        + "order by received_at, authorization_id limit ?", String.class,
                SqlArrays.names(statuses),
                java.sql.Timestamp.from(from), java.sql.Timestamp.from(to), limit);
    }

    public long count(Collection<ReconStatus> statuses, LocalDate businessDate) {
        Long n = jdbc.queryForObject("select count(*) from recon_item where " + indexedBy(statuses) + "status = any(?) "
                        + "and (?::date is null or business_date = ?::date)", Long.class,
                SqlArrays.names(statuses), businessDate, businessDate);
        return n == null ? 0 : n;
    }

    public Map<ReconStatus, Long> countByStatus() {
        return countByStatus("", status -> true);
    }

    /** The open items per status (settled statuses absent): read from the open-items index, not the whole table. */
    public Map<ReconStatus, Long> countOpenByStatus() {
        return countByStatus(" where " + OPEN, status -> !status.isSettled());
    }

    private Map<ReconStatus, Long> countByStatus(String where, Predicate<ReconStatus> counted) {
        Map<ReconStatus, Long> counts = new EnumMap<>(ReconStatus.class);
        for (ReconStatus s : ReconStatus.values()) {
            if (counted.test(s)) {
                counts.put(s, 0L);
            }
        }
        jdbc.query("select status, count(*) from recon_item" + where + " group by status", rs -> {
            counts.put(ReconStatus.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    /**
     * When reconciliation first heard of the oldest open break's item (its received event, or for an orphan, its
     * posting), or null when there is none: what the "break unpatched longer than its SLA" alert reads. Not the
     * authorization's acceptance: a held batch's authorizations arrive here when released, maybe hours later.
     */
    public Instant oldestOpenBreak() {
        List<ReconStatus> breaks = Arrays.stream(ReconStatus.values()).filter(ReconStatus::isBreak).toList();
        java.sql.Timestamp t = jdbc.queryForObject("select min(first_seen_at) "
                + "from recon_item where " + indexedBy(breaks) + "status = any(?)", java.sql.Timestamp.class,
                SqlArrays.names(breaks));
        return t == null ? null : t.toInstant();
    }

    private static boolean allOpen(Collection<ReconStatus> statuses) {
        return statuses.stream().noneMatch(ReconStatus::isSettled);
    }

    /**
     * The predicate of the smallest partial index that holds every status asked for, so that a generic plan may
     * use it: the items needing action, else the open items, else none (the whole table).
     */
    private static String indexedBy(Collection<ReconStatus> statuses) {
        if (statuses.stream().allMatch(ReconStatus::needsAction)) {
            return NEEDING_ACTION + " and ";
        }
        return allOpen(statuses) ? OPEN + " and " : "";
    }

    private static String names(Predicate<ReconStatus> which) {
        return Arrays.stream(ReconStatus.values()).filter(which).map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", "));
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        java.sql.Date d = rs.getDate(18);
        return new Stored(map(rs), ReconStatus.valueOf(rs.getString(16)), rs.getTimestamp(17).toInstant(),
                d == null ? null : d.toLocalDate());
    }

    private static ReconItem map(ResultSet rs) throws SQLException {
        String heldStage = rs.getString(8);
        ReconItem.Held held = heldStage == null ? null : new ReconItem.Held(heldStage, rs.getString(9),
                rs.getString(10), instant(rs.getTimestamp(11)));
        return new ReconItem(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3), money(rs, 4, 5),
                instant(rs.getTimestamp(6)), rs.getBoolean(7), held,
                EventJson.mapper().readValue(rs.getString(12), JOURNALS), rs.getInt(13), instant(rs.getTimestamp(14)),
                rs.getBoolean(15));
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
