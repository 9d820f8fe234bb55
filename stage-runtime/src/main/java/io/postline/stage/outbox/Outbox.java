package io.postline.stage.outbox;

import io.postline.events.EventJson;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes outgoing events in the caller's database transaction and hands them to the relay once that
 * transaction has committed. Outside a transaction it refuses: an event written on its own could be
 * published for state that was never committed.
 */
public class Outbox {
    private static final String INSERT = "insert into outbox (event_id, topic, message_key, headers, payload) "
            + "values (?, ?, ?, ?::jsonb, ?) on conflict (event_id) do nothing";

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    public void append(List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the outbox is written only inside a transaction");
        }
        jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                OutboxRecord r = records.get(i);
                ps.setObject(1, r.eventId());
                ps.setString(2, r.topic());
                ps.setString(3, r.key());
                ps.setString(4, EventJson.mapper().writeValueAsString(r.headers()));
                ps.setBytes(5, r.payload());
            }

            @Override
            public int getBatchSize() {
                return records.size();
            }
        });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.publish(records);
            }
        });
    }
}
