package io.postline.stage.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One Kafka record in the outbox: where it goes, its key, headers and payload, and the input event that
 * caused it ({@code causeId}, null for events that start a lifecycle or are written by an operator action).
 */
public record OutboxRecord(UUID eventId, String topic, String key, Map<String, String> headers, byte[] payload,
                           UUID causeId) {
    public OutboxRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        headers = OrderedHeaders.copyOf(headers); // in the order given, which is the order sent
        Objects.requireNonNull(payload, "payload");
    }

    public OutboxRecord(UUID eventId, String topic, String key, Map<String, String> headers, byte[] payload) {
        this(eventId, topic, key, headers, payload, null);
    }

    public OutboxRecord causedBy(UUID cause) {
        return new OutboxRecord(eventId, topic, key, headers, payload, cause);
    }
}
