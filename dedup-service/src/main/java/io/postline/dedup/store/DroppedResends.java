package io.postline.dedup.store;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Upstream resends dropped as such, kept for audit until the window passes. */
@Repository
public class DroppedResends {
    private final JdbcTemplate jdbc;

    public DroppedResends(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Resend(UUID eventId, String authorizationId, UUID originalEventId) {
    }

    public void record(List<Resend> resends) {
        jdbc.batchUpdate("insert into dropped_resend (event_id, authorization_id, original_event_id) values (?, ?, ?) "
                + "on conflict (event_id) do nothing", resends, resends.size(), (ps, r) -> {
                    ps.setObject(1, r.eventId());
                    ps.setString(2, r.authorizationId());
                    ps.setObject(3, r.originalEventId());
                });
    }
}
