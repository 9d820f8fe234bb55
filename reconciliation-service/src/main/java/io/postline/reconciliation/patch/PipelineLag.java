package io.postline.reconciliation.patch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Total consumer lag (records) of the pipeline's consumer groups: what has been produced to their topics but
 * not yet processed. A group that has committed nothing yet counts as no lag.
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
        try {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(specs)
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            committed.values().forEach(offsets -> offsets.keySet().forEach(tp -> partitions.put(tp, OffsetSpec.latest())));
            if (partitions.isEmpty()) {
                return OptionalLong.of(0);
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long lag = 0;
            for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
                for (var e : offsets.entrySet()) {
                    ListOffsetsResultInfo end = ends.get(e.getKey());
                    if (e.getValue() != null && end != null) {
                        lag += Math.max(0, end.offset() - e.getValue().offset());
                    }
                }
            }
            return OptionalLong.of(lag);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("could not read the pipeline's consumer lag: {}", e.toString());
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
