package io.postline.posting.store;

import io.postline.events.EventJson;
import io.postline.events.PostingLeg;
import io.postline.stage.sql.SqlArrays;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sequences whose legs have waited longer than the timeout for the rest of their sequence. */
@Repository
public class IncompleteSequences {
    private final JdbcTemplate jdbc;

    public IncompleteSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param anyLeg one of the legs present (for the authorization, amounts and rule that made it)
     */
    public record Incomplete(UUID sequenceId, String authorizationId, int present, int expected, Instant since,
                             Instant reportedAt, PostingLeg anyLeg) {
    }

    /** Sequences older than {@code after}, oldest first; only those not yet reported when {@code unreportedOnly}. */
    public List<Incomplete> olderThan(Duration after, boolean unreportedOnly, int limit) {
        return jdbc.query("select posting_sequence_id, min(authorization_id), count(*), max(leg_count), "
                        + "min(received_at), max(reported_at), (array_agg(payload::text))[1] from pending_leg "
                        + "group by posting_sequence_id having min(received_at) < now() - make_interval(secs => ?) "
                        + (unreportedOnly ? "and bool_and(reported_at is null) " : "")
                        + "order by min(received_at) limit ?",
                (rs, n) -> new Incomplete(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)),
                        EventJson.read(rs.getString(7).getBytes(StandardCharsets.UTF_8), PostingLeg.class)),
                after.toMillis() / 1000.0, limit);
    }

    public long countOlderThan(Duration after) {
        Long n = jdbc.queryForObject("select count(*) from (select 1 from pending_leg group by posting_sequence_id "
                + "having min(received_at) < now() - make_interval(secs => ?)) overdue", Long.class,
                after.toMillis() / 1000.0);
        return n == null ? 0 : n;
    }

    public void markReported(Collection<UUID> sequenceIds) {
        jdbc.update("update pending_leg set reported_at = now() where posting_sequence_id = any("
                        + SqlArrays.UUIDS + ")",
                SqlArrays.uuids(sequenceIds));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
