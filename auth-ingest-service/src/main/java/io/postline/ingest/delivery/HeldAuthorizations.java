package io.postline.ingest.delivery;

import io.postline.events.EventJson;
import io.postline.stage.outbox.OutboxRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Outbox records of near-realtime and batch sources, waiting for their release. */
@Repository
public class HeldAuthorizations {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private final JdbcTemplate jdbc;

    public HeldAuthorizations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void hold(String sourceId, List<OutboxRecord> records) {
        jdbc.batchUpdate("insert into held_authorization (event_id, source_id, topic, message_key, headers, payload) "
                + "values (?, ?, ?, ?, ?::jsonb, ?) on conflict (event_id) do nothing", records, records.size(), (ps, r) -> {
                    ps.setObject(1, r.eventId());
                    ps.setString(2, sourceId);
                    ps.setString(3, r.topic());
                    ps.setString(4, r.key());
                    ps.setString(5, EventJson.mapper().writeValueAsString(r.headers()));
                    ps.setBytes(6, r.payload());
                });
    }

    public record Waiting(long count, Instant oldest) {
    }

    public Waiting waiting(String sourceId) {
        return jdbc.queryForObject("select count(*), min(held_at) from held_authorization where source_id = ?",
                (rs, n) -> new Waiting(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()),
                sourceId);
    }

    /** Removes and returns up to {@code limit} of the source's oldest, skipping rows another release holds. */
    public List<OutboxRecord> take(String sourceId, int limit) {
        return jdbc.query("delete from held_authorization where seq in (select seq from held_authorization "
                        + "where source_id = ? order by seq limit ? for update skip locked) "
                        + "returning event_id, topic, message_key, headers::text, payload",
                (rs, n) -> new OutboxRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        EventJson.mapper().readValue(rs.getString(4), HEADERS), rs.getBytes(5)), sourceId, limit);
    }
}
