package io.postline.stage.outbox;

import io.postline.events.CloudEventHeaders;
import io.postline.stage.config.StageRuntimeProperties;
import io.postline.stage.metrics.StageMetrics;
import io.postline.stage.sql.SqlArrays;
import io.postline.stage.tracing.EventLogContext;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes committed outbox rows and forgets each writing transaction's pending-publication row once the
 * broker has acknowledged all of its records. Rows themselves are kept for the retention period so a
 * replay can re-emit them, then purged together with old inbox ids; rows held for a later release are kept.
 * <ul>
 *   <li>Fast path: {@link #publish} right after the writing transaction commits.</li>
 *   <li>Leftovers: a poller re-publishes pending batches older than {@code leftoverAge} that nobody has in
 *       flight, which covers a crash between commit and acknowledgement and a broker outage.</li>
 * </ul>
 * A record can be published twice (crash after the ack, before the pending row is deleted, or one failed
 * send in a batch, which re-sends the whole batch); event ids are deterministic, so the consumer's inbox
 * drops the repeat. The producer is idempotent, so retries inside one session do not duplicate.
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JdbcTemplate jdbc;
    private final StageMetrics metrics;
    private final StageRuntimeProperties.Outbox settings;
    private final StageRuntimeProperties.Retention retention;
    private final Map<Long, InFlightBatch> inFlight = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Long> acknowledged = new LinkedBlockingQueue<>();
    private volatile ScheduledExecutorService scheduler;
    /** Sends committed batches in commit order, off the callers' threads. */
    private volatile ThreadPoolExecutor sender;

    /** Records of one pending batch still waiting for the broker, and whether any send failed. */
    private static final class InFlightBatch {
        final AtomicInteger remaining;
        volatile boolean failed;

        InFlightBatch(int records) {
            remaining = new AtomicInteger(records);
        }
    }

    public OutboxRelay(KafkaTemplate<String, byte[]> kafka, JdbcTemplate jdbc, StageMetrics metrics,
                       StageRuntimeProperties.Outbox settings, StageRuntimeProperties.Retention retention) {
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.settings = settings;
        this.retention = retention;
    }

    /**
     * Hands the records of one committed batch to the relay's sender thread and returns at once, so a
     * request or consumer thread never waits for the broker (a producer waits for metadata while the broker
     * is away). When all are acknowledged the batch is forgotten in the background; if any send fails, or
     * the sender's queue is full, the batch stays pending and the poller sends it after {@code leftover-age}.
     */
    public void publish(long batchId, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            acknowledged.add(batchId);
            return;
        }
        InFlightBatch batch = new InFlightBatch(records.size());
        if (inFlight.putIfAbsent(batchId, batch) != null) {
            return; // already being sent
        }
        ThreadPoolExecutor s = sender;
        if (s == null) { // not started: send from the caller
            send(batchId, batch, records);
            return;
        }
        try {
            s.execute(() -> send(batchId, batch, records));
        } catch (RejectedExecutionException full) {
            inFlight.remove(batchId); // committed and pending: the poller publishes it
        }
    }

    private void send(long batchId, InFlightBatch batch, List<OutboxRecord> records) {
        for (OutboxRecord r : records) {
            try {
                kafka.send(toProducerRecord(r)).whenComplete((result, failure) -> {
                    if (failure == null) {
                        metrics.published(r.topic());
                    } else {
                        batch.failed = true;
                        logFailure(r, failure);
                    }
                    sent(batchId, batch);
                });
            } catch (RuntimeException e) {
                batch.failed = true;
                logFailure(r, e);
                sent(batchId, batch);
            }
        }
    }

    private static void logFailure(OutboxRecord r, Throwable failure) {
        try (var ignored = EventLogContext.of(r.key(), r.headers().get(CloudEventHeaders.TRACEPARENT))) {
            log.warn("publish of {} to {} failed, the poller will retry: {}", r.eventId(), r.topic(), failure.toString());
        }
    }

    private void sent(long batchId, InFlightBatch batch) {
        if (batch.remaining.decrementAndGet() == 0) {
            if (!batch.failed) {
                acknowledged.add(batchId);
            }
            inFlight.remove(batchId);
        }
    }

    private static ProducerRecord<String, byte[]> toProducerRecord(OutboxRecord r) {
        // Built as an array: headers added one by one grew the list past its default size (2.3 % of the stages'
        // CPU by JFR; an event carries about a dozen).
        Header[] headers = new Header[r.headers().size()];
        int i = 0;
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            headers[i++] = new RecordHeader(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(r.topic(), null, r.key(), r.payload(), new RecordHeaders(headers));
    }

    /** Forgets fully acknowledged batches in one statement; on failure they stay and are retried next tick. */
    void markAcknowledged() {
        List<Long> ids = new ArrayList<>();
        acknowledged.drainTo(ids, 10_000);
        if (ids.isEmpty()) {
            return;
        }
        try {
            jdbc.update("delete from outbox_pending where batch_id = any(?)", SqlArrays.int8(ids));
        } catch (RuntimeException e) {
            acknowledged.addAll(ids);
            log.warn("could not mark {} published outbox batches yet: {}", ids.size(), e.toString());
        }
    }

    /** Re-publishes batches a crash or outage left behind and refreshes the backlog gauge. */
    void publishLeftovers() {
        try {
            Long backlog = jdbc.queryForObject("select coalesce(sum(cardinality(seqs)), 0) from outbox_pending",
                    Long.class);
            metrics.outboxBacklog(backlog == null ? 0 : backlog);
            List<long[]> candidates = jdbc.query("select batch_id, cardinality(seqs) from outbox_pending "
                            + "where created_at < now() - make_interval(secs => ?) order by batch_id limit 1000",
                    (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}, settings.leftoverAge().toMillis() / 1000.0);
            long rows = 0;
            for (long[] c : candidates) {
                // Skip what is being sent, and what was acknowledged but not forgotten yet (that runs every 50 ms).
                if (inFlight.containsKey(c[0]) || acknowledged.contains(c[0])) {
                    continue;
                }
                if (rows >= settings.pollBatchSize()) {
                    break;
                }
                rows += c[1];
                List<OutboxRecord> records = jdbc.query("select o.event_id, o.topic, o.message_key, o.headers, "
                                + "o.payload, o.cause_id, o.headers_derived "
                                + "from outbox_pending p join outbox o on o.seq = any(p.seqs) "
                                + "where p.batch_id = ? order by o.seq",
                        (rs, n) -> storedRecord(rs), c[0]);
                if (!records.isEmpty()) {
                    log.info("re-publishing {} outbox rows left from earlier (batch {})", records.size(), c[0]);
                }
                publish(c[0], records);
            }
        } catch (RuntimeException e) {
            log.warn("outbox poll failed, will try again: {}", e.toString());
        }
    }

    private static OutboxRecord storedRecord(ResultSet rs) throws SQLException {
        UUID eventId = rs.getObject(1, UUID.class);
        String topic = rs.getString(2);
        String key = rs.getString(3);
        return new OutboxRecord(eventId, topic, key,
                StoredHeaders.read(rs.getString(4), rs.getBoolean(7), eventId, topic, key), rs.getBytes(5),
                rs.getObject(6, UUID.class));
    }

    /** Deletes published rows and inbox ids older than their retention, a chunk per statement (runs on a schedule). */
    public void purgeExpired() {
        try {
            long outbox = purge("delete from outbox where seq in (select o.seq from outbox o where o.created_at "
                    + "< now() - make_interval(secs => ?) and not exists (select 1 from outbox_pending p "
                    + "where o.seq = any(p.seqs)) and not exists (select 1 from outbox_held h where h.seq = o.seq) "
                    + "limit 10000)", retention.outbox());
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

    /** True when nothing is being sent and every acknowledged batch is forgotten. */
    public boolean isIdle() {
        return inFlight.isEmpty() && acknowledged.isEmpty();
    }

    @Override
    public void start() {
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.sendQueue()), r -> {
                    Thread t = new Thread(r, "outbox-relay-send");
                    t.setDaemon(true);
                    return t;
                });
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
        ThreadPoolExecutor queued = sender;
        if (queued != null) {
            queued.shutdown(); // what is queued is still sent
            try {
                if (!queued.awaitTermination(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    queued.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sender = null;
        }
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
