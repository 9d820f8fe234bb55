package io.postline.reconciliation.patch;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag (records) of the pipeline's consumer groups, in all or per group: what has been produced to their
 * topics but not yet processed. A group that has committed nothing yet counts as no lag.
 */
public class PipelineLag implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final List<String> groups;

    public PipelineLag(Admin admin, List<String> groups) {
        this.admin = admin;
        this.groups = List.copyOf(groups);
    }

    /** The summed lag, or empty if the broker could not be asked. */
    public OptionalLong read() {
        return byGroup().map(lags -> OptionalLong.of(total(lags))).orElse(OptionalLong.empty());
    }

    /** The lag of all the groups of a {@link #byGroup()} reading together. */
    public static long total(Map<String, Long> lags) {
        return lags.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The lag of each group, in the order the groups were given, or empty if the broker could not be asked. It
     * shows which stage a backlog sits in.
     */
    public Optional<Map<String, Long>> byGroup() {
        try {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(specs)
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            committed.values().forEach(offsets -> offsets.keySet().forEach(tp -> partitions.put(tp, OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResultInfo> ends = partitions.isEmpty() ? Map.of()
                    : admin.listOffsets(partitions).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> lags = new LinkedHashMap<>();
            for (String group : groups) {
                long lag = 0;
                for (var e : committed.getOrDefault(group, Map.of()).entrySet()) {
                    ListOffsetsResultInfo end = ends.get(e.getKey());
                    if (e.getValue() != null && end != null) {
                        lag += Math.max(0, end.offset() - e.getValue().offset());
                    }
                }
                lags.put(group, lag);
            }
            return Optional.of(lags);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("could not read the pipeline's consumer lag: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
