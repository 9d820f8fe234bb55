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
 * claims it itself), so one key never does the work twice. Keys are claimed and answered a group at a time
 * (the single requests of one group commit); one key is a group of one.
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

    /** A key's answer, once its work is done. */
    public record Answer(String key, int status, String response) {
    }

    public Claim claim(String key, String endpoint, String requestHash) {
        return claimAll(endpoint, Map.of(key, requestHash)).get(key);
    }

    /**
     * Claims distinct keys of one endpoint with their requests' hashes, in one statement per step. Keys go in
     * sorted order, so two transactions claiming overlapping keys wait on each other rather than deadlock.
     */
    public Map<String, Claim> claimAll(String endpoint, Map<String, String> hashByKey) {
        Map<String, String> sorted = new TreeMap<>(hashByKey);
        Duration ttl = properties.idempotency().ttl();
        jdbc.update("delete from idempotency_key where endpoint = ? and idempotency_key = any(?::text[]) "
                        + "and created_at < now() - make_interval(secs => ?)",
                endpoint, SqlArrays.text(sorted.keySet()), ttl.toMillis() / 1000.0);
        List<String> claimed = jdbc.queryForList("insert into idempotency_key (idempotency_key, endpoint, "
                        + "request_hash, status, response) select k, ?, h, 0, '' from unnest(?::text[], ?::text[]) "
                        + "as t(k, h) on conflict do nothing returning idempotency_key", String.class,
                endpoint, SqlArrays.text(sorted.keySet()), SqlArrays.text(sorted.values()));
        Map<String, Claim> claims = new HashMap<>(sorted.size() * 2);
        claimed.forEach(key -> claims.put(key, new Claim.Claimed()));
        sorted.keySet().removeAll(claims.keySet());
        if (sorted.isEmpty()) {
            return claims;
        }
        jdbc.query("select idempotency_key, request_hash, status, response from idempotency_key "
                        + "where endpoint = ? and idempotency_key = any(?::text[])", rs -> {
                    String key = rs.getString(1);
                    claims.put(key, rs.getString(2).equals(sorted.remove(key))
                            ? new Claim.Answered(rs.getInt(3), rs.getString(4)) : new Claim.OtherRequest());
                }, endpoint, SqlArrays.text(sorted.keySet()));
        if (!sorted.isEmpty()) {
            claims.putAll(claimAll(endpoint, sorted)); // expired and purged in between
        }
        return claims;
    }

    public void answer(String key, String endpoint, int status, String response) {
        answerAll(endpoint, List.of(new Answer(key, status, response)));
    }

    public void answerAll(String endpoint, List<Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        jdbc.update("update idempotency_key k set status = a.status, response = a.response "
                        + "from unnest(?::text[], ?::int4[], ?::text[]) as a(key, status, response) "
                        + "where k.endpoint = ? and k.idempotency_key = a.key",
                SqlArrays.text(answers, Answer::key), SqlArrays.int4(answers, Answer::status),
                SqlArrays.text(answers, Answer::response), endpoint);
    }

    @Scheduled(fixedDelayString = "10m", initialDelayString = "1m")
    public void purgeExpired() {
        jdbc.update("delete from idempotency_key where created_at < now() - make_interval(secs => ?)",
                properties.idempotency().ttl().toMillis() / 1000.0);
    }
}
