package io.postline.stage.consumer;

import io.postline.stage.InboundEvent;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumed record after decoding: an event, or poison that goes to the DLT. */
sealed interface Decoded {
    UUID eventId();

    ConsumerRecord<String, byte[]> record();

    record Event(InboundEvent event, ConsumerRecord<String, byte[]> record) implements Decoded {
        @Override
        public UUID eventId() {
            return event.eventId();
        }
    }

    /** {@code eventId} is derived from topic/partition/offset so a re-delivered poison record is dead-lettered once. */
    record Poison(UUID eventId, ConsumerRecord<String, byte[]> record, String reason, String cause) implements Decoded {
    }
}
