package io.postline.ingest.idempotency;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Keys and their first answers. A key is claimed inside the transaction that does the work: a second request
 * with the same key waits on the row until the first commits (then gets its answer) or rolls back (then
 * claims it itself), so one key never does the work twice.
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

    public Claim claim(String key, String endpoint, String requestHash) {
        Duration ttl = properties.idempotency().ttl();
        jdbc.update("delete from idempotency_key where idempotency_key = ? and endpoint = ? "
                + "and created_at < now() - make_interval(secs => ?)", key, endpoint, ttl.toMillis() / 1000.0);
        int inserted = jdbc.update("insert into idempotency_key (idempotency_key, endpoint, request_hash, status, "
                + "response) values (?, ?, ?, 0, '') on conflict do nothing", key, endpoint, requestHash);
        if (inserted == 1) {
            return new Claim.Claimed();
        }
        record Row(String hash, int status, String response) {
        }
        List<Row> rows = jdbc.query("select request_hash, status, response from idempotency_key "
                        + "where idempotency_key = ? and endpoint = ?",
                (rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3)), key, endpoint);
        if (rows.isEmpty()) {
            return claim(key, endpoint, requestHash); // expired and purged in between
        }
        Row row = rows.getFirst();
        return row.hash().equals(requestHash) ? new Claim.Answered(row.status(), row.response())
                : new Claim.OtherRequest();
    }

    public void answer(String key, String endpoint, int status, String response) {
        jdbc.update("update idempotency_key set status = ?, response = ? where idempotency_key = ? and endpoint = ?",
                status, response, key, endpoint);
    }

    @Scheduled(fixedDelayString = "10m", initialDelayString = "1m")
    public void purgeExpired() {
        jdbc.update("delete from idempotency_key where created_at < now() - make_interval(secs => ?)",
                properties.idempotency().ttl().toMillis() / 1000.0);
    }
}
