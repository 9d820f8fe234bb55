package io.postline.dedup.store;

import io.postline.dedup.domain.DuplicateDetector.Candidate;
import io.postline.dedup.domain.DuplicateDetector.Original;
import io.postline.stage.sql.SqlArrays;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Fingerprints of unique authorizations within the window; one statement per batch each way. */
@Repository
public class FingerprintStore {
    private final JdbcTemplate jdbc;

    public FingerprintStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Original> findLive(Collection<String> fingerprints, Duration window) {
        Map<String, Original> found = new HashMap<>();
        jdbc.query("select fingerprint, authorization_id, event_id from fingerprint where fingerprint = any(?) "
                        + "and first_seen > now() - make_interval(secs => ?)",
                rs -> {
                    found.put(rs.getString(1), new Original(rs.getString(2), rs.getObject(3, UUID.class)));
                }, SqlArrays.text(fingerprints), (double) window.toSeconds());
        return found;
    }

    /**
     * Records the fingerprints of new originals, taking over expired ones. Returns the event ids recorded;
     * a missing one lost a race with another consumer.
     */
    public Set<UUID> record(List<Candidate> originals, Duration window) {
        Set<UUID> recorded = new HashSet<>();
        if (originals.isEmpty()) {
            return recorded;
        }
        jdbc.query("insert into fingerprint (fingerprint, authorization_id, event_id) "
                        + "select * from unnest(?::text[], ?::text[], " + SqlArrays.UUIDS + ") "
                        + "on conflict (fingerprint) do update set authorization_id = excluded.authorization_id, "
                        + "event_id = excluded.event_id, first_seen = now() "
                        + "where fingerprint.first_seen <= now() - make_interval(secs => ?) returning event_id",
                rs -> {
                    recorded.add(rs.getObject(1, UUID.class));
                },
                SqlArrays.text(originals, Candidate::fingerprint),
                SqlArrays.text(originals, Candidate::authorizationId),
                SqlArrays.uuids(originals, Candidate::eventId),
                (double) window.toSeconds());
        return recorded;
    }

    /** Removes rows this batch recorded for candidates that turned out not to be originals. */
    public void forget(Collection<UUID> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.update("delete from fingerprint where event_id = any(" + SqlArrays.UUIDS + ")", SqlArrays.uuids(eventIds));
        }
    }
}
