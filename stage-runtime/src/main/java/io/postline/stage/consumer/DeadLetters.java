package io.postline.stage.consumer;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventIds;
import io.postline.events.Topic;
import io.postline.stage.outbox.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Builds the DLT copy of a record: the original key, value and headers, plus why, where from and when.
 * It travels through the outbox like any other output, so it is written exactly when the inbox records the
 * original as handled.
 */
final class DeadLetters {
    private static final int MAX_REASON = 1000;

    private DeadLetters() {
    }

    static OutboxRecord of(ConsumerRecord<String, byte[]> record, UUID sourceId, String stage, String reason,
                           String cause) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            if (h.value() != null && !h.key().startsWith("x-dlt-")) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        headers.put(CloudEventHeaders.DLT_REASON, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        headers.put(CloudEventHeaders.DLT_EXCEPTION, cause);
        headers.put(CloudEventHeaders.DLT_STAGE, stage);
        headers.put(CloudEventHeaders.DLT_TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.DLT_ORIGINAL_TOPIC, record.topic());
        headers.put(CloudEventHeaders.DLT_ORIGINAL_PARTITION, Integer.toString(record.partition()));
        headers.put(CloudEventHeaders.DLT_ORIGINAL_OFFSET, Long.toString(record.offset()));
        return new OutboxRecord(EventIds.derive(sourceId, stage + "/dlt", 0), record.topic() + Topic.DLT_SUFFIX,
                record.key(), headers, record.value() == null ? new byte[0] : record.value(), sourceId);
    }
}
