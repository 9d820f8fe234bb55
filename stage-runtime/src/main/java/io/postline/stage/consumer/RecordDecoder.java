package io.postline.stage.consumer;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.IsoInstants;
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
        ReadHeaders headers = ReadHeaders.of(record);
        String id = headers.text(ReadHeaders.ID);
        String type = headers.text(ReadHeaders.TYPE);
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
            String timeHeader = headers.text(ReadHeaders.TIME);
            Instant time = timeHeader == null ? Instant.ofEpochMilli(record.timestamp()) : IsoInstants.parse(timeHeader);
            return new Decoded.Event(new InboundEvent(eventId, topic,
                    record.key() == null ? payload.authorizationId() : record.key(), payload, time,
                    "true".equals(headers.text(ReadHeaders.REPLAY)), headers.text(ReadHeaders.TRACEPARENT)),
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

    /**
     * The five headers a stage reads, found in one pass (the last of each name wins, as with
     * {@code lastHeader}) instead of five {@code lastHeader} scans from the end. Most of the cost is Kafka's own
     * decoding of each header key into a string, once per header either way.
     */
    static final class ReadHeaders {
        static final int ID = 0;
        static final int TYPE = 1;
        static final int TIME = 2;
        static final int REPLAY = 3;
        static final int TRACEPARENT = 4;
        private final byte[][] values = new byte[5][];

        static ReadHeaders of(ConsumerRecord<?, ?> record) {
            ReadHeaders read = new ReadHeaders();
            for (Header h : record.headers()) {
                int slot = slot(h.key());
                if (slot >= 0) {
                    read.values[slot] = h.value();
                }
            }
            return read;
        }

        /** By equals, not a string switch: every key is a new string, and a switch would hash each one first. */
        private static int slot(String key) {
            if (key.equals(CloudEventHeaders.ID)) {
                return ID;
            } else if (key.equals(CloudEventHeaders.TYPE)) {
                return TYPE;
            } else if (key.equals(CloudEventHeaders.TIME)) {
                return TIME;
            } else if (key.equals(CloudEventHeaders.REPLAY)) {
                return REPLAY;
            } else if (key.equals(CloudEventHeaders.TRACEPARENT)) {
                return TRACEPARENT;
            }
            return -1;
        }

        String text(int slot) {
            byte[] v = values[slot];
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }
    }
}
