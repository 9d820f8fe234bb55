package io.postline.dedup.store;

import io.postline.dedup.domain.DuplicateDetector.Candidate;
import io.postline.dedup.domain.DuplicateDetector.Original;
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

/**
 * What the dedup window holds: the authorization ids seen (with a hash of their content and the payload) and
 * the fingerprints of unique authorizations. A batch reads both tables in one statement and writes both in
 * one, five round trips a batch instead of seven. At 1,000/s that measured no faster (docs/benchmarks.md,
 * twelfth round: about 2 µs an authorization at 22 records a batch); it is kept as the simpler of the two.
 */
@Repository
public class DedupWindow {
    // The window's test is written on first_seen plus the window, which no index can answer, so that each table
    // is reached through its key alone. Written as first_seen > now() - window, the plan that PostgreSQL caches
    // for a prepared statement once the tables have statistics ANDs the key lookup with the purge's block-range
    // index on first_seen: every row of every page it names is then checked against the whole batch's array,
    // 70-90 ms instead of 8 ms a batch of 2,000 with a million rows, and seconds when most keys are present (a
    // file sent again). Without statistics (autovacuum off) it never showed. Package-private for DedupWindowPlanIT.
    static final String FIND = "select true, authorization_id, event_id, content_hash from authorization_seen "
            + "where authorization_id = any(?) and first_seen + make_interval(secs => ?) > now() "
            + "union all select false, fingerprint, event_id, authorization_id from fingerprint "
            + "where fingerprint = any(?) and first_seen + make_interval(secs => ?) > now()";

    // A row older than the window is taken over; a live one belongs to whoever recorded it first, and is
    // then missing from what the statement returns.
    private static final String RECORD = "with seen as (insert into authorization_seen "
            + "(authorization_id, event_id, content_hash, payload) "
            + "select " + SqlArrays.unnested("?::text[]", SqlArrays.UUIDS, "?::text[]", "?::bytea[]") + " "
            + "on conflict (authorization_id) do update set event_id = excluded.event_id, "
            + "content_hash = excluded.content_hash, payload = excluded.payload, first_seen = now() "
            + "where authorization_seen.first_seen <= now() - make_interval(secs => ?) returning event_id), "
            + "fingerprinted as (insert into fingerprint (fingerprint, authorization_id, event_id) "
            + "select " + SqlArrays.unnested("?::text[]", "?::text[]", SqlArrays.UUIDS) + " "
            + "on conflict (fingerprint) do update set authorization_id = excluded.authorization_id, "
            + "event_id = excluded.event_id, first_seen = now() "
            + "where fingerprint.first_seen <= now() - make_interval(secs => ?) returning event_id) "
            + "select true, event_id from seen union all select false, event_id from fingerprinted";

    private static final String FORGET = "with sightings as (delete from authorization_seen "
            + "where event_id = any(" + SqlArrays.UUIDS + ")) "
            + "delete from fingerprint where event_id = any(" + SqlArrays.UUIDS + ")";

    private final JdbcTemplate jdbc;

    public DedupWindow(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a batch records of a first sighting: the event, its content hash and the authorization itself. */
    public record Sighting(UUID eventId, String contentHash, AuthorizationReceived authorization) {
    }

    /** The live rows matching a batch, by authorization id and by fingerprint. */
    public record Live(Map<String, SeenAuthorization> byAuthorizationId, Map<String, Original> byFingerprint) {
    }

    /** The event ids whose sighting and whose fingerprint this batch recorded. */
    public record Recorded(Set<UUID> sightings, Set<UUID> fingerprints) {
    }

    public Live find(Collection<String> authorizationIds, Collection<String> fingerprints, Duration window) {
        Map<String, SeenAuthorization> ids = new HashMap<>();
        Map<String, Original> originals = new HashMap<>();
        double seconds = window.toSeconds();
        jdbc.query(FIND, rs -> {
            if (rs.getBoolean(1)) {
                ids.put(rs.getString(2), new SeenAuthorization(rs.getObject(3, UUID.class), rs.getString(4)));
            } else {
                originals.put(rs.getString(2), new Original(rs.getString(4), rs.getObject(3, UUID.class)));
            }
        }, SqlArrays.text(authorizationIds), seconds, SqlArrays.text(fingerprints), seconds);
        return new Live(ids, originals);
    }

    /**
     * Records first sightings and the fingerprints of new originals. An event id missing from the result lost
     * a race with another consumer that recorded the same authorization id or fingerprint first.
     */
    public Recorded record(List<Sighting> sightings, List<Candidate> originals, Duration window) {
        Set<UUID> sighted = new HashSet<>();
        Set<UUID> fingerprinted = new HashSet<>();
        if (sightings.isEmpty() && originals.isEmpty()) {
            return new Recorded(sighted, fingerprinted);
        }
        double seconds = window.toSeconds();
        jdbc.query(RECORD, rs -> {
                    (rs.getBoolean(1) ? sighted : fingerprinted).add(rs.getObject(2, UUID.class));
                },
                SqlArrays.text(sightings, s -> s.authorization().authorizationId()),
                SqlArrays.uuids(sightings, Sighting::eventId),
                SqlArrays.text(sightings, Sighting::contentHash),
                SqlArrays.bytea(sightings, s -> EventJson.write(s.authorization())),
                seconds,
                SqlArrays.text(originals, Candidate::fingerprint),
                SqlArrays.text(originals, Candidate::authorizationId),
                SqlArrays.uuids(originals, Candidate::eventId),
                seconds);
        return new Recorded(sighted, fingerprinted);
    }

    /** Removes rows this batch recorded for candidates that turned out not to be first sightings or originals. */
    public void forget(Collection<UUID> sightings, Collection<UUID> fingerprints) {
        if (!sightings.isEmpty() || !fingerprints.isEmpty()) {
            jdbc.update(FORGET, SqlArrays.uuids(sightings), SqlArrays.uuids(fingerprints));
        }
    }

    /** The stored payload of a first sighting: the original an operator sees beside a parked conflict. */
    public Optional<String> payloadOf(UUID eventId) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8') from authorization_seen where event_id = ?",
                String.class, eventId).stream().findFirst();
    }
}
