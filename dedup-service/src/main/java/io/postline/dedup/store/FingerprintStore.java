package io.postline.dedup.store;

import io.postline.dedup.domain.DuplicateDetector.Candidate;
import io.postline.dedup.domain.DuplicateDetector.Original;
import java.sql.Array;
import java.sql.Connection;
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

/** Fingerprints of authorizations seen within the window; one statement per batch each way. */
@Repository
public class FingerprintStore {
    private final JdbcTemplate jdbc;

    public FingerprintStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Original> findLive(Collection<String> fingerprints, Duration window) {
        Map<String, Original> found = new HashMap<>();
        jdbc.execute((Connection con) -> {
            Array arr = con.createArrayOf("text", fingerprints.toArray());
            try (var ps = con.prepareStatement("select fingerprint, authorization_id, event_id from fingerprint "
                    + "where fingerprint = any(?) and first_seen > now() - make_interval(secs => ?)")) {
                ps.setArray(1, arr);
                ps.setDouble(2, window.toSeconds());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), new Original(rs.getString(2), rs.getObject(3, UUID.class)));
                    }
                }
            }
            return null;
        });
        return found;
    }

    /**
     * Records the fingerprints of new originals, taking over expired ones. Returns the fingerprints it
     * recorded; a missing one was claimed concurrently by another consumer and is a duplicate after all.
     */
    public Set<String> record(List<Candidate> originals, Duration window) {
        if (originals.isEmpty()) {
            return Set.of();
        }
        return jdbc.execute((Connection con) -> {
            Array fps = con.createArrayOf("text", originals.stream().map(Candidate::fingerprint).toArray());
            Array auths = con.createArrayOf("text", originals.stream().map(Candidate::authorizationId).toArray());
            Array ids = con.createArrayOf("uuid", originals.stream().map(Candidate::eventId).toArray());
            try (var ps = con.prepareStatement("insert into fingerprint (fingerprint, authorization_id, event_id) "
                    + "select * from unnest(?::text[], ?::text[], ?::uuid[]) "
                    + "on conflict (fingerprint) do update set authorization_id = excluded.authorization_id, "
                    + "event_id = excluded.event_id, first_seen = now() "
                    + "where fingerprint.first_seen <= now() - make_interval(secs => ?) returning fingerprint")) {
                ps.setArray(1, fps);
                ps.setArray(2, auths);
                ps.setArray(3, ids);
                ps.setDouble(4, window.toSeconds());
                Set<String> recorded = new HashSet<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(rs.getString(1));
                    }
                }
                return recorded;
            }
        });
    }
}
