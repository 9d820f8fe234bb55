package io.postline.stage.outbox;

import io.postline.events.EventJson;
import io.postline.stage.config.StageRuntimeProperties;
import io.postline.stage.metrics.StageMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Publishes committed outbox rows and marks them published once the broker has acknowledged them. Rows
 * are kept for the retention period so a replay can re-emit them, then purged together with old inbox ids.
 * <ul>
 *   <li>Fast path: {@link #publish} right after the writing transaction commits.</li>
 *   <li>Leftovers: a poller re-publishes rows older than {@code leftoverAge} that nobody has in flight,
 *       which covers a crash between commit and acknowledgement and a broker outage.</li>
 * </ul>
 * A row can be published twice (crash after the ack, before the mark); event ids are deterministic, so
 * the consumer's inbox drops the repeat. The producer is idempotent, so retries inside one session do
 * not duplicate.
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final KafkaTemplate<String, byte[]> kafka;
    private final JdbcTemplate jdbc;
    private final StageMetrics metrics;
    private final StageRuntimeProperties.Outbox settings;
    private final StageRuntimeProperties.Retention retention;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<UUID> acknowledged = new LinkedBlockingQueue<>();
    private volatile ScheduledExecutorService scheduler;

    public OutboxRelay(KafkaTemplate<String, byte[]> kafka, JdbcTemplate jdbc, StageMetrics metrics,
                       StageRuntimeProperties.Outbox settings, StageRuntimeProperties.Retention retention) {
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.settings = settings;
        this.retention = retention;
    }

    /** Sends the records without waiting; acknowledged ones are marked published in the background. */
    public void publish(List<OutboxRecord> records) {
        for (OutboxRecord r : records) {
            if (!inFlight.add(r.eventId())) {
                continue;
            }
            try {
                kafka.send(toProducerRecord(r)).whenComplete((result, failure) -> {
                    inFlight.remove(r.eventId());
                    if (failure == null) {
                        acknowledged.add(r.eventId());
                        metrics.published(r.topic());
                    } else {
                        log.warn("publish of {} to {} failed, the poller will retry: {}", r.eventId(), r.topic(),
                                failure.toString());
                    }
                });
            } catch (RuntimeException e) {
                inFlight.remove(r.eventId());
                log.warn("publish of {} to {} failed, the poller will retry: {}", r.eventId(), r.topic(), e.toString());
            }
        }
    }

    private static ProducerRecord<String, byte[]> toProducerRecord(OutboxRecord r) {
        RecordHeaders headers = new RecordHeaders();
        r.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(r.topic(), null, r.key(), r.payload(), headers);
    }

    /** Marks acknowledged rows in one statement; on failure they stay and are retried next tick. */
    void markAcknowledged() {
        List<UUID> ids = new ArrayList<>();
        acknowledged.drainTo(ids, 10_000);
        if (ids.isEmpty()) {
            return;
        }
        try {
            jdbc.update("update outbox set published_at = now() where event_id = any(?) and published_at is null",
                    new SqlArrayValue("uuid", ids.toArray()));
        } catch (RuntimeException e) {
            acknowledged.addAll(ids);
            log.warn("could not mark {} published outbox rows yet: {}", ids.size(), e.toString());
        }
    }

    /** Re-publishes rows a crash or outage left behind and refreshes the backlog gauge. */
    void publishLeftovers() {
        try {
            Long backlog = jdbc.queryForObject("select count(*) from outbox where published_at is null", Long.class);
            metrics.outboxBacklog(backlog == null ? 0 : backlog);
            List<OutboxRecord> leftovers = jdbc.query(
                    "select event_id, topic, message_key, headers::text, payload from outbox "
                            + "where published_at is null and created_at < now() - make_interval(secs => ?) order by seq limit ?",
                    (rs, n) -> new OutboxRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            EventJson.mapper().readValue(rs.getString(4), HEADERS), rs.getBytes(5)),
                    settings.leftoverAge().toMillis() / 1000.0, settings.pollBatchSize());
            // Skip what is being sent, and what was acknowledged but not marked yet (the mark runs every 50 ms).
            List<OutboxRecord> notInFlight = leftovers.stream()
                    .filter(r -> !inFlight.contains(r.eventId()) && !acknowledged.contains(r.eventId())).toList();
            if (!notInFlight.isEmpty()) {
                log.info("re-publishing {} outbox rows left from earlier", notInFlight.size());
                publish(notInFlight);
            }
        } catch (RuntimeException e) {
            log.warn("outbox poll failed, will try again: {}", e.toString());
        }
    }

    /** Deletes published rows and inbox ids older than their retention, a chunk per statement. */
    void purgeExpired() {
        try {
            long outbox = purge("delete from outbox where seq in (select seq from outbox where published_at "
                    + "< now() - make_interval(secs => ?) limit 10000)", retention.outbox());
            long inbox = purge("delete from inbox where event_id in (select event_id from inbox where received_at "
                    + "< now() - make_interval(secs => ?) limit 10000)", retention.inbox());
            if (outbox + inbox > 0) {
                log.info("purged {} published outbox rows and {} inbox ids past their retention", outbox, inbox);
            }
        } catch (RuntimeException e) {
            log.warn("retention purge failed, will try again: {}", e.toString());
        }
    }

    private long purge(String sql, java.time.Duration age) {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.update(sql, age.toMillis() / 1000.0);
            total += deleted;
        } while (deleted == 10000);
        return total;
    }

    private void warmUpMetadata() {
        for (io.postline.events.Topic t : io.postline.events.Topic.values()) {
            try {
                kafka.partitionsFor(t.topicName());
            } catch (RuntimeException e) {
                log.debug("no metadata for {} yet: {}", t.topicName(), e.toString());
                return;
            }
        }
    }

    /** True when nothing is being sent and every acknowledged row is marked. */
    public boolean isIdle() {
        return inFlight.isEmpty() && acknowledged.isEmpty();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
        // Fetch producer metadata up front, so the first event after start-up does not wait for it.
        scheduler.execute(this::warmUpMetadata);
        scheduler.scheduleWithFixedDelay(this::markAcknowledged, 50, 50, TimeUnit.MILLISECONDS);
        long purge = retention.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeExpired, purge, purge, TimeUnit.MILLISECONDS);
        long poll = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::publishLeftovers, poll, poll, TimeUnit.MILLISECONDS);
    }

    /** Drains what is in flight so committed rows are published before the process ends. */
    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            return;
        }
        // Waiting for in-flight sends (not flush(), which has no bound) keeps shutdown within drainTimeout even
        // when the broker is gone; what is not acknowledged stays unpublished and the next start sends it.
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        s.shutdown();
        try {
            s.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        markAcknowledged();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stops after the listener containers (which stop earlier, at a higher phase) have drained. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
