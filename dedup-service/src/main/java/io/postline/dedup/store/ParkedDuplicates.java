package io.postline.dedup.store;

import io.postline.events.AuthorizationDuplicate;
import io.postline.events.AuthorizationReceived;
import io.postline.events.DuplicateReason;
import io.postline.events.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Duplicates parked for an operator; never forwarded unless released. */
@Repository
public class ParkedDuplicates {
    private static final String COLUMNS = "event_id, authorization_id, reason, original_authorization_id, "
            + "original_event_id, payload::text, original_payload::text, parked_at, released_at, released_by, "
            + "release_reason";
    private final JdbcTemplate jdbc;

    public ParkedDuplicates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A duplicate to park; {@code originalPayload} is the first version, for conflicts. */
    public record Parked(UUID eventId, AuthorizationDuplicate duplicate, String originalPayload) {
    }

    /** A parked row as an operator sees it. */
    public record Row(UUID eventId, String authorizationId, DuplicateReason reason, String originalAuthorizationId,
                      UUID originalEventId, AuthorizationReceived authorization, AuthorizationReceived originalVersion,
                      Instant parkedAt, Instant releasedAt, String releasedBy, String releaseReason) {
    }

    /** Filters of the operator listing; null means any. */
    public record Filter(DuplicateReason reason, String authorizationId, Boolean released, Instant parkedFrom,
                         Instant parkedTo) {
    }

    public void park(List<Parked> parked) {
        jdbc.batchUpdate("insert into parked_duplicate (event_id, authorization_id, reason, original_authorization_id, "
                        + "original_event_id, payload, original_payload, parked_at) "
                        + "values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) on conflict (event_id) do nothing",
                parked, parked.size(), (ps, p) -> {
                    AuthorizationDuplicate d = p.duplicate();
                    ps.setObject(1, p.eventId());
                    ps.setString(2, d.authorizationId());
                    ps.setString(3, d.reason().name());
                    ps.setString(4, d.originalAuthorizationId());
                    ps.setObject(5, d.originalEventId());
                    ps.setString(6, EventJson.mapper().writeValueAsString(d.authorization()));
                    ps.setString(7, p.originalPayload());
                    ps.setTimestamp(8, Timestamp.from(d.parkedAt()));
                });
    }

    public List<Row> list(Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select " + COLUMNS + " from parked_duplicate" + where
                + " order by parked_at, event_id limit ? offset ?", (rs, n) -> map(rs), args.toArray());
    }

    public long count(Filter filter) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("select count(*) from parked_duplicate" + where(filter, args), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    public Optional<Row> find(UUID eventId, boolean forUpdate) {
        return jdbc.query("select " + COLUMNS + " from parked_duplicate where event_id = ?"
                + (forUpdate ? " for update" : ""), (rs, n) -> map(rs), eventId).stream().findFirst();
    }

    public void markReleased(UUID eventId, String releasedBy, String reason) {
        jdbc.update("update parked_duplicate set released_at = now(), released_by = ?, release_reason = ? "
                + "where event_id = ?", releasedBy, reason, eventId);
    }

    private static String where(Filter f, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (f.reason() != null) {
            conditions.add("reason = ?");
            args.add(f.reason().name());
        }
        if (f.authorizationId() != null) {
            conditions.add("authorization_id = ?");
            args.add(f.authorizationId());
        }
        if (f.released() != null) {
            conditions.add(f.released() ? "released_at is not null" : "released_at is null");
        }
        if (f.parkedFrom() != null) {
            conditions.add("parked_at >= ?");
            args.add(Timestamp.from(f.parkedFrom()));
        }
        if (f.parkedTo() != null) {
            conditions.add("parked_at < ?");
            args.add(Timestamp.from(f.parkedTo()));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static Row map(ResultSet rs) throws SQLException {
        String original = rs.getString(7);
        return new Row(rs.getObject(1, UUID.class), rs.getString(2), DuplicateReason.valueOf(rs.getString(3)),
                rs.getString(4), rs.getObject(5, UUID.class),
                EventJson.mapper().readValue(rs.getString(6), AuthorizationReceived.class),
                original == null ? null : EventJson.mapper().readValue(original, AuthorizationReceived.class),
                rs.getTimestamp(8).toInstant(), instant(rs.getTimestamp(9)), rs.getString(10), rs.getString(11));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
