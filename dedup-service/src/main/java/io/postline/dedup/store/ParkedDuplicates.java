package io.postline.dedup.store;

import io.postline.events.AuthorizationDuplicate;
import io.postline.events.EventJson;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Duplicates parked for an operator; never forwarded. */
@Repository
public class ParkedDuplicates {
    private final JdbcTemplate jdbc;

    public ParkedDuplicates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Parked(UUID eventId, AuthorizationDuplicate duplicate) {
    }

    public void park(List<Parked> parked) {
        jdbc.batchUpdate("insert into parked_duplicate (event_id, authorization_id, reason, original_authorization_id, "
                        + "original_event_id, payload, parked_at) values (?, ?, ?, ?, ?, ?::jsonb, ?) "
                        + "on conflict (event_id) do nothing", parked, parked.size(), (ps, p) -> {
                    AuthorizationDuplicate d = p.duplicate();
                    ps.setObject(1, p.eventId());
                    ps.setString(2, d.authorizationId());
                    ps.setString(3, d.reason().name());
                    ps.setString(4, d.originalAuthorizationId());
                    ps.setObject(5, d.originalEventId());
                    ps.setString(6, EventJson.mapper().writeValueAsString(d.authorization()));
                    ps.setTimestamp(7, Timestamp.from(d.parkedAt()));
                });
    }
}
