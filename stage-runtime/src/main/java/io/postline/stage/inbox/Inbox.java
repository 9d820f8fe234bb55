package io.postline.stage.inbox;

import io.postline.stage.sql.SqlArrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stage's record of processed event ids. {@link #claim} runs inside the batch transaction: the ids it
 * returns are new and must be processed; the others were processed before and are dropped.
 */
public class Inbox {
    private static final String CLAIM = "insert into inbox (event_id) select unnest(" + SqlArrays.UUIDS + ") "
            + "on conflict (event_id) do nothing returning event_id";

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
