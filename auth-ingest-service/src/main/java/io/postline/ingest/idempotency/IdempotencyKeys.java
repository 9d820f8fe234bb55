package io.postline.ingest.idempotency;

import io.postline.stage.sql.SqlArrays;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Keys and their first answers. A key is claimed inside the transaction that does the work: a second request
 * with the same key waits on the row until the first commits (then gets its answer) or rolls back (then
 * claims it itself), so one key never does the work twice. Keys are claimed a group at a time (the single
 * requests of one group commit); one key is a group of one.
 */
@Repository
public class IdempotencyKeys {
    private final JdbcTemplate jdbc;
    private final io.postline.ingest.config.IngestProperties properties;

    public IdempotencyKeys(JdbcTemplate jdbc, io.postline.ingest.config.IngestProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public sealed interface Claim {
        record Claimed() implements Claim {
        }

        record Answered(int status, String response) implements Claim {
        }

        record OtherRequest() implements Claim {
        }
    }

    /**
     * A key to claim, with its request's hash and the answer it is stored with (the answer is worked out before
     * the writes, which commit with it).
     */
    public record Claiming(String key, String requestHash, int status, String response) {
    }

    /**
     * Claims distinct keys of one endpoint, in one statement per step; a claimed key is stored with its
     * {@link Claiming}'s answer. Keys go in sorted order, so two transactions claiming overlapping keys wait on
     * each other rather than deadlock.
     */
    public Map<String, Claim> claimAll(String endpoint, List<Claiming> claimings) {
        Map<String, Claiming> byKey = new TreeMap<>();
        claimings.forEach(c -> byKey.put(c.key(), c));
        List<Claiming> sorted = List.copyOf(byKey.values());
        Duration ttl = properties.idempotency().ttl();
        // by the primary key (idempotency_key, endpoint): an array of keys and one endpoint keep it an index scan
        jdbc.update("delete from idempotency_key where idempotency_key = any(?::text[]) and endpoint = ? "
                        + "and created_at < now() - make_interval(secs => ?)",
                SqlArrays.text(byKey.keySet()), endpoint, ttl.toMillis() / 1000.0);
        List<String> claimed = jdbc.queryForList("insert into idempotency_key (idempotency_key, request_hash, "
                        + "status, response, endpoint) select "
                        + SqlArrays.unnested("?::text[]", "?::text[]", "?::int4[]", "?::text[]")
                        + ", ? on conflict do nothing returning idempotency_key", String.class,
                SqlArrays.text(sorted, Claiming::key), SqlArrays.text(sorted, Claiming::requestHash),
                SqlArrays.int4(sorted, Claiming::status), SqlArrays.text(sorted, Claiming::response), endpoint);
        Map<String, Claim> claims = new HashMap<>(sorted.size() * 2);
        claimed.forEach(key -> claims.put(key, new Claim.Claimed()));
        byKey.keySet().removeAll(claims.keySet());
        if (byKey.isEmpty()) {
            return claims;
        }
        jdbc.query("select idempotency_key, request_hash, status, response from idempotency_key "
                        + "where idempotency_key = any(?::text[]) and endpoint = ?", rs -> {
                    String key = rs.getString(1);
                    claims.put(key, rs.getString(2).equals(byKey.remove(key).requestHash())
                            ? new Claim.Answered(rs.getInt(3), rs.getString(4)) : new Claim.OtherRequest());
                }, SqlArrays.text(byKey.keySet()), endpoint);
        if (!byKey.isEmpty()) {
            claims.putAll(claimAll(endpoint, List.copyOf(byKey.values()))); // expired and purged in between
        }
        return claims;
    }

    @Scheduled(fixedDelayString = "10m", initialDelayString = "1m")
    public void purgeExpired() {
        jdbc.update("delete from idempotency_key where created_at < now() - make_interval(secs => ?)",
                properties.idempotency().ttl().toMillis() / 1000.0);
    }
}
