package io.postline.posting.store;

import io.postline.events.EventJson;
import io.postline.events.PostingLeg;
import io.postline.stage.sql.SqlArrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Legs of sequences not yet complete; a repeat of a stored leg is ignored by the key. */
@Repository
public class PendingLegs {
    private final JdbcTemplate jdbc;

    public PendingLegs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(List<PostingLeg> legs) {
        if (legs.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into pending_leg (posting_sequence_id, leg_index, leg_count, authorization_id, payload) "
                        + "values (?, ?, ?, ?, ?::jsonb) on conflict (posting_sequence_id, leg_index) do nothing",
                legs, legs.size(), (ps, leg) -> {
                    ps.setObject(1, leg.postingSequenceId());
                    ps.setInt(2, leg.legIndex());
                    ps.setInt(3, leg.legCount());
                    ps.setString(4, leg.authorizationId());
                    ps.setString(5, EventJson.mapper().writeValueAsString(leg));
                });
    }

    public List<PostingLeg> of(Collection<UUID> sequenceIds) {
        if (sequenceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select payload::text from pending_leg where posting_sequence_id = any("
                        + SqlArrays.UUIDS + ")",
                (rs, n) -> EventJson.mapper().readValue(rs.getString(1), PostingLeg.class),
                SqlArrays.uuids(sequenceIds));
    }

    public void remove(Collection<UUID> sequenceIds) {
        if (!sequenceIds.isEmpty()) {
            jdbc.update("delete from pending_leg where posting_sequence_id = any(" + SqlArrays.UUIDS + ")",
                    SqlArrays.uuids(sequenceIds));
        }
    }
}
