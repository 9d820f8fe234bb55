package io.postline.ingest.store;

import io.postline.events.AuthorizationReceived;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
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

    /**
     * Stores them with their events' JSON ({@code payloads} by event id, as published); an event id stored before
     * (a file chunk run again after a crash) is left alone.
     */
    public void insert(List<Received> received, Map<UUID, byte[]> payloads) {
        jdbc.batchUpdate("insert into authorization_received (event_id, authorization_id, source_id, payload, "
                        + "received_at, job_id) values (?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing",
                received, received.size(), (ps, r) -> {
                    ps.setObject(1, r.eventId());
                    ps.setString(2, r.event().authorizationId());
                    ps.setString(3, r.event().sourceId());
                    ps.setString(4, new String(payloads.get(r.eventId()), StandardCharsets.UTF_8));
                    ps.setTimestamp(5, Timestamp.from(r.event().receivedAt()));
                    ps.setObject(6, r.jobId());
                });
    }
}
