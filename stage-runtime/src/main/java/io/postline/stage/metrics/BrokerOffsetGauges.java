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
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges read from the broker's offsets every {@code interval}, so they hold even when a consumer is stuck or
 * gone (its own client metrics would vanish with it):
 * <ul>
 *   <li>{@code postline.stage.dlt.depth{stage,topic}}: records in each dead-letter topic of this stage's
 *       inputs (latest minus earliest offset). Records dead-lettered since start are counted by
 *       {@code postline.stage.dlt.records}; this gauge also shows what earlier processes and other stages left.</li>
 *   <li>{@code postline.stage.consumer.lag{stage,group}}: records on this stage's input topics that its consumer
 *       group has not committed yet (latest minus committed offset, or minus earliest where nothing is committed).</li>
 * </ul>
 * A failed read (broker away) leaves the last values in place.
 */
public class BrokerOffsetGauges implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BrokerOffsetGauges.class);

    private final Map<String, Object> adminConfig;
    private final Set<String> deadLetterTopics;
    private final Map<String, Set<String>> inputsByGroup;
    private final java.time.Duration interval;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile Admin admin;

    /**
     * @param inputsByGroup each consumer group of this service with the topics it consumes
     */
    public BrokerOffsetGauges(Map<String, Object> adminConfig, Set<String> deadLetterTopics,
                              Map<String, Set<String>> inputsByGroup, String stage, MeterRegistry registry,
                              java.time.Duration interval) {
        this.adminConfig = adminConfig;
        this.deadLetterTopics = deadLetterTopics;
        this.inputsByGroup = inputsByGroup;
        this.interval = interval;
        for (String topic : deadLetterTopics) {
            depths.put(topic, registry.gauge("postline.stage.dlt.depth",
                    List.of(Tag.of("stage", stage), Tag.of("topic", topic)), new AtomicLong()));
        }
        for (String group : inputsByGroup.keySet()) {
            lags.put(group, registry.gauge("postline.stage.consumer.lag",
                    List.of(Tag.of("stage", stage), Tag.of("group", group)), new AtomicLong()));
        }
    }

    /** Reads the offsets now. */
    public void refresh() {
        if (deadLetterTopics.isEmpty() && inputsByGroup.isEmpty()) {
            return; // a service that consumes nothing
        }
        try {
            Admin a = admin;
            if (a == null) {
                a = Admin.create(adminConfig);
                admin = a;
            }
            Set<String> inputs = inputsByGroup.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            Set<String> all = new java.util.TreeSet<>(deadLetterTopics);
            all.addAll(inputs);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            a.describeTopics(all).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> {
                        earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
                        latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
                    }));
            Map<TopicPartition, ListOffsetsResultInfo> first = a.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> last = a.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<String, Long> sums = new HashMap<>();
            last.forEach((tp, info) -> {
                if (deadLetterTopics.contains(tp.topic())) {
                    sums.merge(tp.topic(), info.offset() - first.get(tp).offset(), Long::sum);
                }
            });
            sums.forEach((topic, depth) -> depths.get(topic).set(depth));
            for (var group : inputsByGroup.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = a.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (var e : last.entrySet()) {
                    if (group.getValue().contains(e.getKey().topic())) {
                        OffsetAndMetadata c = committed.get(e.getKey());
                        long from = c != null ? c.offset() : first.get(e.getKey()).offset();
                        lag += Math.max(0, e.getValue().offset() - from);
                    }
                }
                lags.get(group.getKey()).set(lag);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("broker offsets not read this time: {}", e.toString());
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("broker-offsets").daemon().factory());
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
