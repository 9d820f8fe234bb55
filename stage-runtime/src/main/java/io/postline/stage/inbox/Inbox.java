package io.postline.stage.inbox;

import io.postline.stage.sql.SqlArrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stage's record of processed event ids, written inside the batch transaction. {@link #recordNew} is the
 * usual case, where no id was seen before; {@link #claim} is for a batch that may hold repeats: the ids it
 * returns are new and must be processed, the others were processed before and are dropped.
 */
public class Inbox {
    private static final String CLAIM = "insert into inbox (event_id) select " + SqlArrays.unnested(SqlArrays.UUIDS)
            + " on conflict (event_id) do nothing returning event_id";
    private static final String RECORD_NEW = "insert into inbox (event_id) select " + SqlArrays.unnested(SqlArrays.UUIDS);

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records ids expected to be new in one plain insert. Without {@code ON CONFLICT} PostgreSQL inserts
     * each row once instead of speculatively (a probe, the insert, a confirmation in the WAL), and nothing is
     * returned: about 30 % less time a row measured alone (docs/benchmarks.md, sixteenth round). An id seen
     * before fails the statement ({@link org.springframework.dao.DuplicateKeyException}) and with it the
     * transaction, which the caller then runs again with {@link #claim}.
     */
    public void recordNew(Collection<UUID> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.update(RECORD_NEW, SqlArrays.uuids(eventIds));
        }
    }

    /** Records the ids in one statement and returns those not seen before. */
    public Set<UUID> claim(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        Set<UUID> fresh = new HashSet<>(eventIds.size() * 2);
        jdbc.query(CLAIM, rs -> {
            fresh.add(rs.getObject(1, UUID.class));
        }, SqlArrays.uuids(eventIds));
        return fresh;
    }
}
