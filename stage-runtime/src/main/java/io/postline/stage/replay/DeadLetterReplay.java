package io.postline.stage.replay;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventIds;
import io.postline.stage.outbox.Outbox;
import io.postline.stage.outbox.OutboxRecord;
import io.postline.stage.outbox.StoredHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds this stage's dead letters and, after the cause is fixed, sends them back to the topic they came
 * from. The DLT copies are kept in the outbox (retention {@code postline.stage.retention.outbox}), so they
 * are found by authorization id (the record key) or reason without reading Kafka.
 * <p>
 * A replayed record carries the original key, value and headers (its {@code ce_id} too) without the
 * {@code x-dlt-*} ones, plus {@code x-replay: true}. The stage's inbox has seen the id (a dead letter is
 * recorded as handled), so the replay marker makes the stage process it again (docs/architecture.md,
 * replay). A replay that fails again is not dead-lettered twice: the DLT copy has the same id. Replaying
 * twice changes nothing the first replay did not: outputs have the ids they had.
 */
public class DeadLetterReplay {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    public static final int MAX = 10_000;

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;

    public DeadLetterReplay(JdbcTemplate jdbc, Outbox outbox, TransactionTemplate tx, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.tx = tx;
        this.meters = meters;
    }

    /** Which dead letters: all, or those of one authorization, or whose reason contains a text. */
    public record Filter(String authorizationId, String reasonContains) {
    }

    /** One dead letter as an operator sees it (no payload: it may be large, and the DLT topic has it). */
    public record DeadLetter(UUID id, String authorizationId, String originalTopic, String originalEventId,
                             String reason, String exception, String stage, Instant deadLetteredAt) {
    }

    public record Replayed(int count, List<UUID> ids) {
    }

    /** Dead letters matching the filter, oldest first, at most {@code limit}. */
    public List<DeadLetter> find(Filter filter, int limit) {
        return rows(filter, limit).stream().map(Row::view).toList();
    }

    /** Sends the matching dead letters (at most {@link #MAX}) back to their original topics, marked as replays. */
    public Replayed replay(Filter filter, String by, String why) {
        List<Row> rows = rows(filter, MAX);
        List<OutboxRecord> records = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, String> headers = new HashMap<>();
            r.headers().forEach((k, v) -> {
                if (!k.startsWith("x-dlt-")) {
                    headers.put(k, v);
                }
            });
            headers.put(CloudEventHeaders.REPLAY, "true");
            records.add(new OutboxRecord(EventIds.derive(r.id(), "dlt-replay", 0),
                    r.headers().get(CloudEventHeaders.DLT_ORIGINAL_TOPIC), r.key(), headers, r.payload()));
        }
        tx.executeWithoutResult(status -> outbox.republish(records));
        meters.counter("postline.stage.dlt.replayed").increment(records.size());
        log.info("replayed {} dead letters (filter {}) for {}: {}", records.size(), filter, by, why);
        return new Replayed(records.size(), rows.stream().map(Row::id).toList());
    }

    private record Row(UUID id, String key, Map<String, String> headers, byte[] payload, Instant createdAt) {
        DeadLetter view() {
            return new DeadLetter(id, key, headers.get(CloudEventHeaders.DLT_ORIGINAL_TOPIC),
                    headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.DLT_REASON),
                    headers.get(CloudEventHeaders.DLT_EXCEPTION), headers.get(CloudEventHeaders.DLT_STAGE), createdAt);
        }
    }

    private List<Row> rows(Filter filter, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select event_id, message_key, headers, payload, created_at, topic, "
                + "headers_derived from outbox where topic like '%.dlt'");
        if (filter.authorizationId() != null) {
            sql.append(" and message_key = ?");
            args.add(filter.authorizationId());
        }
        if (filter.reasonContains() != null) {
            sql.append(" and strpos(lower(headers::jsonb ->> ?), lower(?)) > 0");
            args.add(CloudEventHeaders.DLT_REASON);
            args.add(filter.reasonContains());
        }
        sql.append(" order by seq limit ?");
        args.add(Math.min(limit, MAX));
        return jdbc.query(sql.toString(), (rs, n) -> {
            UUID id = rs.getObject(1, UUID.class);
            String key = rs.getString(2);
            Map<String, String> headers = StoredHeaders.read(rs.getString(3), rs.getBoolean(7), id, rs.getString(6), key);
            return new Row(id, key, headers, rs.getBytes(4), rs.getTimestamp(5).toInstant());
        }, args.toArray());
    }
}
