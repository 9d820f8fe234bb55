package io.postline.stage.outbox;

import io.postline.events.CloudEventHeaders;
import io.postline.stage.sql.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes outgoing events in the caller's database transaction and hands them to the relay once that
 * transaction has committed. Outside a transaction it refuses: an event written on its own could be
 * published for state that was never committed.
 * <p>
 * Only rows the database actually stored are handed to the relay ({@code RETURNING}): a row that already
 * existed was published before, and a row a trigger suppressed must not reach the broker either.
 */
public class Outbox {
    private static final String COLUMNS = "event_id, cause_id, topic, message_key, headers, payload, headers_derived";
    private static final String ROWS = "select " + SqlArrays.unnested(SqlArrays.UUIDS, SqlArrays.UUIDS, "?::text[]",
            "?::text[]", "?::text[]", "?::bytea[]") + ", true";
    // One pending-publication row per statement lists the seqs it stored (V3 migration explains why).
    private static final String TRACKED = ", pending as (insert into outbox_pending (seqs) select array_agg(seq order by seq) "
            + "from stored having count(*) > 0 returning batch_id) ";
    private static final String INSERT = "with stored as (insert into outbox (" + COLUMNS + ") " + ROWS
            + " on conflict (event_id) do nothing returning event_id, seq)" + TRACKED
            + "select s.event_id, p.batch_id from stored s cross join pending p";
    // Outputs expected to be new: a plain insert (see appendNew), answering with one row, the batch and its size.
    private static final String INSERT_NEW = "with stored as (insert into outbox (" + COLUMNS + ") " + ROWS
            + " returning seq), pending as (insert into outbox_pending (seqs) select array_agg(seq order by seq) "
            + "from stored having count(*) > 0 returning batch_id, cardinality(seqs) as stored) "
            + "select batch_id, stored from pending";
    private static final String IDS_OF_BATCH = "select o.event_id from outbox_pending p join outbox o on o.seq = any(p.seqs) "
            + "where p.batch_id = ?";
    // created_at is reset so the leftover poller leaves the rows to the fast path for its usual grace.
    private static final String REPUBLISH = "with stored as (insert into outbox (" + COLUMNS + ") " + ROWS
            + " on conflict (event_id) do update set headers = excluded.headers, "
            + "headers_derived = excluded.headers_derived, payload = excluded.payload, "
            + "created_at = now() returning event_id, seq)" + TRACKED
            + "select s.event_id, p.batch_id from stored s cross join pending p";
    private static final String REEMIT = "with stored as (update outbox set created_at = now(), "
            + "headers = (headers::jsonb || ?::jsonb)::text where cause_id = any(" + SqlArrays.UUIDS + ") "
            + "and topic not like '%.dlt' "
            + "returning seq, event_id, topic, message_key, headers as h, payload, cause_id, headers_derived)" + TRACKED
            + "select s.event_id, s.topic, s.message_key, s.h, s.payload, s.cause_id, p.batch_id, s.headers_derived "
            + "from stored s cross join pending p";

    // Held rows: stored like the others, listed under a hold key instead of as pending (V6 migration).
    private static final String HOLD = "with stored as (insert into outbox (" + COLUMNS + ") " + ROWS
            + " on conflict (event_id) do nothing returning seq) "
            + "insert into outbox_held (seq, hold_key) select seq, ? from stored";
    private static final String RELEASE = "with released as (delete from outbox_held where seq in (select seq "
            + "from outbox_held where hold_key = ? order by seq limit ? for update skip locked) returning seq), "
            + "pending as (insert into outbox_pending (seqs) select array_agg(seq order by seq) from released "
            + "having count(*) > 0 returning batch_id, seqs) "
            + "select o.event_id, o.topic, o.message_key, o.headers, o.payload, o.cause_id, p.batch_id, "
            + "o.headers_derived from pending p join outbox o on o.seq = any(p.seqs) order by o.seq";

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /** Stores new outputs; an output whose id is already stored is left alone (it was emitted before). */
    public void append(List<OutboxRecord> records) {
        write(INSERT, records);
    }

    /**
     * Stores outputs expected to be new, the usual case for a stage's batch, in one plain insert: without
     * {@code ON CONFLICT} PostgreSQL inserts each row once instead of speculatively (a probe, the insert, a
     * confirmation in the WAL), and only the pending batch comes back, not every id (docs/benchmarks.md,
     * sixteenth round). An id stored before fails the statement
     * ({@link org.springframework.dao.DuplicateKeyException}) and with it the transaction, which the caller then
     * runs again with {@link #append}.
     */
    public void appendNew(List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        requireTransaction();
        long[] batch = {0, 0}; // pending batch id, rows stored; no row back if none was stored
        jdbc.query(INSERT_NEW, rs -> {
            batch[0] = rs.getLong(1);
            batch[1] = rs.getLong(2);
        }, columns(records));
        if (batch[1] == records.size()) {
            publishAfterCommit(batch[0], records);
        } else if (batch[1] > 0) { // a trigger suppressed some rows: publish only those stored
            publishStored(batch[0], records, new HashSet<>(jdbc.queryForList(IDS_OF_BATCH, UUID.class, batch[0])));
        }
    }

    /**
     * Stores new outputs without publishing them: they wait under {@code holdKey} until {@link #release}. A held
     * record is kept whatever its age (the retention purge skips it).
     */
    public void hold(String holdKey, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        requireTransaction();
        Object[] parameters = Arrays.copyOf(columns(records), 7);
        parameters[6] = holdKey;
        jdbc.update(HOLD, parameters);
    }

    /** How many records wait under a hold key, and since when the oldest. */
    public record Held(long count, Instant oldest) {
    }

    public Held held(String holdKey) {
        return jdbc.queryForObject("select count(*), min(held_at) from outbox_held where hold_key = ?",
                (rs, n) -> new Held(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()),
                holdKey);
    }

    /**
     * Releases up to {@code limit} of the oldest records held under {@code holdKey}: they are published after
     * the caller's transaction commits, like appended ones. Rows another transaction is releasing are skipped.
     *
     * @return how many were released
     */
    public int release(String holdKey, int limit) {
        requireTransaction();
        StoredBatch released = new StoredBatch();
        jdbc.query(RELEASE, released, holdKey, limit);
        publishAfterCommit(released.batchId, released.records);
        return released.records.size();
    }

    /**
     * Stores the records, or makes stored ones with the same ids current and unpublished again, so they are
     * published (again) after commit. For operator actions such as a re-drive, which may be repeated.
     */
    public void republish(List<OutboxRecord> records) {
        write(REPUBLISH, records);
    }

    /**
     * Publishes once more, marked as replays, the outputs the given input events produced before (DLT copies
     * excepted), and returns the ids of the inputs that had such outputs.
     */
    public Set<UUID> reemit(Collection<UUID> causeIds) {
        Set<UUID> causes = new HashSet<>();
        if (causeIds.isEmpty()) {
            return causes;
        }
        requireTransaction();
        StoredBatch again = new StoredBatch();
        jdbc.query(REEMIT, again, "{\"" + CloudEventHeaders.REPLAY + "\":\"true\"}",
                SqlArrays.uuids(causeIds));
        again.records.forEach(r -> causes.add(r.causeId()));
        publishAfterCommit(again.batchId, again.records);
        return causes;
    }

    private void write(String sql, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        requireTransaction();
        int n = records.size();
        Set<UUID> stored = new HashSet<>(n * 2);
        long[] batch = {0};
        jdbc.query(sql, rs -> {
            stored.add(rs.getObject(1, UUID.class));
            batch[0] = rs.getLong(2);
        }, columns(records));
        publishStored(batch[0], records, stored);
    }

    /** Hands the relay those of {@code records} whose ids the statement stored (all, unless some existed or a trigger suppressed them). */
    private void publishStored(long batchId, List<OutboxRecord> records, Set<UUID> stored) {
        if (stored.size() == records.size()) {
            publishAfterCommit(batchId, records);
            return;
        }
        List<OutboxRecord> toPublish = new ArrayList<>(stored.size());
        for (OutboxRecord r : records) {
            if (stored.contains(r.eventId())) {
                toPublish.add(r);
            }
        }
        publishAfterCommit(batchId, toPublish);
    }

    /**
     * Rows (event id, topic, key, headers, payload, cause id, pending batch id, headers derived) of records listed
     * in one pending batch.
     */
    private static final class StoredBatch implements RowCallbackHandler {
        final List<OutboxRecord> records = new ArrayList<>();
        long batchId;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            UUID eventId = rs.getObject(1, UUID.class);
            String topic = rs.getString(2);
            String key = rs.getString(3);
            records.add(new OutboxRecord(eventId, topic, key,
                    StoredHeaders.read(rs.getString(4), rs.getBoolean(8), eventId, topic, key),
                    rs.getBytes(5), rs.getObject(6, UUID.class)));
            batchId = rs.getLong(7);
        }
    }

    /** The statement's column arrays: ids, causes, topics, keys, headers ({@link StoredHeaders}' JSON), payloads. */
    private static Object[] columns(List<OutboxRecord> records) {
        return new Object[] {SqlArrays.uuids(records, OutboxRecord::eventId),
                SqlArrays.uuids(records, OutboxRecord::causeId), SqlArrays.text(records, OutboxRecord::topic),
                SqlArrays.text(records, OutboxRecord::key), SqlArrays.text(records, StoredHeaders::write),
                SqlArrays.bytea(records, OutboxRecord::payload)};
    }

    private void publishAfterCommit(long batchId, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.publish(batchId, records);
            }
        });
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the outbox is written only inside a transaction");
        }
    }
}
