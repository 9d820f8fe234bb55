package io.postline.stage.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One Kafka record waiting in the outbox: where it goes, its key, headers and payload. */
public record OutboxRecord(UUID eventId, String topic, String key, Map<String, String> headers, byte[] payload) {
    public OutboxRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(payload, "payload");
    }
}
