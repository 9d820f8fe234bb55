package io.postline.ingest.store;

import io.postline.events.AuthorizationReceived;
import io.postline.events.EventJson;
import java.sql.Timestamp;
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

    public void insert(UUID eventId, AuthorizationReceived event) {
        jdbc.update("insert into authorization_received (event_id, authorization_id, source_id, payload, received_at) "
                        + "values (?, ?, ?, ?::jsonb, ?)", eventId, event.authorizationId(), event.sourceId(),
                EventJson.mapper().writeValueAsString(event), Timestamp.from(event.receivedAt()));
    }
}
