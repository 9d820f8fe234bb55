package io.postline.dedup.store;

import io.postline.dedup.domain.DuplicateDetector.SeenAuthorization;
import io.postline.events.AuthorizationReceived;
import io.postline.events.EventJson;
import io.postline.stage.sql.SqlArrays;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Authorization ids seen within the window, with their content hash and payload (the event's JSON bytes). */
@Repository
public class SeenAuthorizations {
    private final JdbcTemplate jdbc;

    public SeenAuthorizations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a batch records: the event, its content hash and the authorization itself. */
    public record Sighting(UUID eventId, String contentHash, AuthorizationReceived authorization) {
    }

    public Map<String, SeenAuthorization> findLive(Collection<String> authorizationIds, Duration window) {
        Map<String, SeenAuthorization> found = new HashMap<>();
        jdbc.query("select authorization_id, event_id, content_hash from authorization_seen "
                        + "where authorization_id = any(?) and first_seen > now() - make_interval(secs => ?)",
                rs -> {
                    found.put(rs.getString(1), new SeenAuthorization(rs.getObject(2, UUID.class), rs.getString(3)));
                }, SqlArrays.text(authorizationIds), (double) window.toSeconds());
        return found;
    }

    /** Returns the event ids recorded; a missing one lost a race with another consumer. */
    public Set<UUID> record(List<Sighting> sightings, Duration window) {
        Set<UUID> recorded = new HashSet<>();
        if (sightings.isEmpty()) {
            return recorded;
        }
        jdbc.query("insert into authorization_seen (authorization_id, event_id, content_hash, payload) "
                        + "select * from unnest(?::text[], " + SqlArrays.UUIDS + ", ?::text[], ?::bytea[]) "
                        + "on conflict (authorization_id) do update set event_id = excluded.event_id, "
                        + "content_hash = excluded.content_hash, payload = excluded.payload, first_seen = now() "
                        + "where authorization_seen.first_seen <= now() - make_interval(secs => ?) returning event_id",
                rs -> {
                    recorded.add(rs.getObject(1, UUID.class));
                },
                SqlArrays.text(sightings, s -> s.authorization().authorizationId()),
                SqlArrays.uuids(sightings, Sighting::eventId),
                SqlArrays.text(sightings, Sighting::contentHash),
                SqlArrays.bytea(sightings, s -> EventJson.write(s.authorization())),
                (double) window.toSeconds());
        return recorded;
    }

    public void forget(Collection<UUID> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.update("delete from authorization_seen where event_id = any(" + SqlArrays.UUIDS + ")",
                    SqlArrays.uuids(eventIds));
        }
    }

    public Optional<String> payloadOf(UUID eventId) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8') from authorization_seen where event_id = ?", String.class, eventId)
                .stream().findFirst();
    }
}
