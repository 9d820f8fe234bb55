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
 * Publishes committed outbox rows and deletes them once the broker has acknowledged them.
 * <ul>
 *   <li>Fast path: {@link #publish} right after the writing transaction commits.</li>
 *   <li>Leftovers: a poller re-publishes rows older than {@code leftoverAge} that nobody has in flight,
 *       which covers a crash between commit and acknowledgement and a broker outage.</li>
 * </ul>
 * A row can be published twice (crash after the ack, before the delete); event ids are deterministic, so
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
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<UUID> acknowledged = new LinkedBlockingQueue<>();
    private volatile ScheduledExecutorService scheduler;

    public OutboxRelay(KafkaTemplate<String, byte[]> kafka, JdbcTemplate jdbc, StageMetrics metrics,
                       StageRuntimeProperties.Outbox settings) {
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.settings = settings;
    }

    /** Sends the records without waiting; acknowledged ones are deleted in the background. */
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

    /** Deletes acknowledged rows in one statement; on failure they stay and are retried next tick. */
    void deleteAcknowledged() {
        List<UUID> ids = new ArrayList<>();
        acknowledged.drainTo(ids, 10_000);
        if (ids.isEmpty()) {
            return;
        }
        try {
            jdbc.update("delete from outbox where event_id = any(?)", new SqlArrayValue("uuid", ids.toArray()));
        } catch (RuntimeException e) {
            acknowledged.addAll(ids);
            log.warn("could not delete {} published outbox rows yet: {}", ids.size(), e.toString());
        }
    }

    /** Re-publishes rows a crash or outage left behind and refreshes the backlog gauge. */
    void publishLeftovers() {
        try {
            Long backlog = jdbc.queryForObject("select count(*) from outbox", Long.class);
            metrics.outboxBacklog(backlog == null ? 0 : backlog);
            List<OutboxRecord> leftovers = jdbc.query(
                    "select event_id, topic, message_key, headers::text, payload from outbox "
                            + "where created_at < now() - make_interval(secs => ?) order by seq limit ?",
                    (rs, n) -> new OutboxRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            EventJson.mapper().readValue(rs.getString(4), HEADERS), rs.getBytes(5)),
                    settings.leftoverAge().toMillis() / 1000.0, settings.pollBatchSize());
            List<OutboxRecord> notInFlight = leftovers.stream().filter(r -> !inFlight.contains(r.eventId())).toList();
            if (!notInFlight.isEmpty()) {
                log.info("re-publishing {} outbox rows left from earlier", notInFlight.size());
                publish(notInFlight);
            }
        } catch (RuntimeException e) {
            log.warn("outbox poll failed, will try again: {}", e.toString());
        }
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

    /** True when nothing is being sent and every acknowledged row is deleted. */
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
        scheduler.scheduleWithFixedDelay(this::deleteAcknowledged, 50, 50, TimeUnit.MILLISECONDS);
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
        kafka.flush();
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
        deleteAcknowledged();
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
