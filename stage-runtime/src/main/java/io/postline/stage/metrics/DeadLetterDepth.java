package io.postline.stage.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * DLT depth: how many records each dead-letter topic of this stage's inputs holds (latest minus earliest
 * offset over its partitions), read from the broker every {@code interval} as
 * {@code postline.stage.dlt.depth{stage,topic}}. Records dead-lettered since start are counted by
 * {@code postline.stage.dlt.records}; this gauge also shows what earlier processes and other stages left.
 */
public class DeadLetterDepth implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterDepth.class);

    private final Map<String, Object> adminConfig;
    private final Set<String> deadLetterTopics;
    private final java.time.Duration interval;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile Admin admin;

    public DeadLetterDepth(Map<String, Object> adminConfig, Set<String> deadLetterTopics, String stage,
                           MeterRegistry registry, java.time.Duration interval) {
        this.adminConfig = adminConfig;
        this.deadLetterTopics = deadLetterTopics;
        this.interval = interval;
        for (String topic : deadLetterTopics) {
            depths.put(topic, registry.gauge("postline.stage.dlt.depth",
                    List.of(Tag.of("stage", stage), Tag.of("topic", topic)), new AtomicLong()));
        }
    }

    /** Reads the offsets now; a failure (broker away) leaves the last values in place. */
    public void refresh() {
        if (deadLetterTopics.isEmpty()) {
            return; // a service that consumes nothing
        }
        try {
            Admin a = admin;
            if (a == null) {
                a = Admin.create(adminConfig);
                admin = a;
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            a.describeTopics(deadLetterTopics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> {
                        earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
                        latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
                    }));
            var first = a.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
            var last = a.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<String, Long> sums = new HashMap<>();
            last.forEach((tp, info) -> sums.merge(tp.topic(), info.offset() - first.get(tp).offset(), Long::sum));
            sums.forEach((topic, depth) -> depths.get(topic).set(depth));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("dead-letter depth not read this time: {}", e.toString());
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dlt-depth").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdownNow();
            scheduler = null;
        }
        Admin a = admin;
        if (a != null) {
            a.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
