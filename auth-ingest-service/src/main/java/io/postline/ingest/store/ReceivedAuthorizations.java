package io.postline.ingest.store;

import io.postline.events.AuthorizationReceived;
import io.postline.events.EventJson;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Ingest's own record of what it accepted. */
@Repository
public class ReceivedAuthorizations {
    private final JdbcTemplate jdbc;

    public ReceivedAuthorizations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Received(UUID eventId, AuthorizationReceived event, UUID jobId) {
    }

    /** Stores them; an event id stored before (a file chunk run again after a crash) is left alone. */
    public void insert(List<Received> received) {
        jdbc.batchUpdate("insert into authorization_received (event_id, authorization_id, source_id, payload, "
                        + "received_at, job_id) values (?, ?, ?, ?::jsonb, ?, ?) on conflict (event_id) do nothing",
                received, received.size(), (ps, r) -> {
                    ps.setObject(1, r.eventId());
                    ps.setString(2, r.event().authorizationId());
                    ps.setString(3, r.event().sourceId());
                    ps.setString(4, EventJson.mapper().writeValueAsString(r.event()));
                    ps.setTimestamp(5, Timestamp.from(r.event().receivedAt()));
                    ps.setObject(6, r.jobId());
                });
    }
}
