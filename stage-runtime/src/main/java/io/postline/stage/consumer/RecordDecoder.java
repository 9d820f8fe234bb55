package io.postline.stage.consumer;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.MalformedEventException;
import io.postline.events.PipelineEvent;
import io.postline.events.Topic;
import io.postline.stage.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Turns a Kafka record into an {@link InboundEvent}, or names exactly why it is poison. */
final class RecordDecoder {
    private RecordDecoder() {
    }

    static Decoded decode(ConsumerRecord<String, byte[]> record) {
        Topic topic = Topic.byName(record.topic()).orElse(null);
        if (topic == null) {
            return new Decoded.Poison(poisonId(record), record, "topic is not in the catalogue", "UnknownTopic");
        }
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null) {
            return new Decoded.Poison(poisonId(record), record, "missing header " + CloudEventHeaders.ID, "MissingHeader");
        }
        if (!topic.eventType().equals(type)) {
            return new Decoded.Poison(poisonId(record), record, "unsupported " + CloudEventHeaders.TYPE + " '" + type
                    + "', expected " + topic.eventType(), "UnsupportedType");
        }
        if (record.value() == null) {
            return new Decoded.Poison(poisonId(record), record, "empty value", "EmptyValue");
        }
        try {
            UUID eventId = UUID.fromString(id);
            PipelineEvent payload = EventJson.read(record.value(), topic.eventClass());
            String timeHeader = header(record, CloudEventHeaders.TIME);
            Instant time = timeHeader == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(timeHeader);
            return new Decoded.Event(new InboundEvent(eventId, topic,
                    record.key() == null ? payload.authorizationId() : record.key(), payload, time,
                    "true".equals(header(record, CloudEventHeaders.REPLAY)), header(record, CloudEventHeaders.TRACEPARENT)),
                    record);
        } catch (MalformedEventException e) {
            return new Decoded.Poison(poisonId(record), record, e.getMessage(), "MalformedEvent");
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Decoded.Poison(poisonId(record), record, "bad header: " + e.getMessage(), e.getClass().getSimpleName());
        }
    }

    /** Computed only for poison: a name-based id costs a SHA-1 digest. */
    private static UUID poisonId(ConsumerRecord<String, byte[]> record) {
        return EventIds.of("poison/" + record.topic() + "/" + record.partition() + "/" + record.offset());
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
