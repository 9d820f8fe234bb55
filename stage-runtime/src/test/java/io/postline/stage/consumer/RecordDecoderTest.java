package io.postline.stage.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventJson;
import io.postline.events.SampleEvents;
import io.postline.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private static final Topic TOPIC = Topic.AUTHORIZATION_RECEIVED;
    private static final UUID ID = UUID.randomUUID();
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static ConsumerRecord<String, byte[]> record(RecordHeaders headers) {
        return new ConsumerRecord<>(TOPIC.topicName(), 0, 7L, 1_000L, TimestampType.CREATE_TIME, -1, -1, "A-1",
                EventJson.write(SampleEvents.received("A-1")), headers, Optional.empty());
    }

    private static RecordHeaders complete() {
        RecordHeaders h = new RecordHeaders();
        h.add(CloudEventHeaders.ID, ID.toString().getBytes(StandardCharsets.UTF_8));
        h.add(CloudEventHeaders.TYPE, TOPIC.eventType().getBytes(StandardCharsets.UTF_8));
        h.add(CloudEventHeaders.TIME, "2026-11-21T19:42:11.123Z".getBytes(StandardCharsets.UTF_8));
        h.add(CloudEventHeaders.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        h.add("other", "x".getBytes(StandardCharsets.UTF_8));
        return h;
    }

    @Test
    void aCompleteRecordIsAnEventWithWhatItsHeadersSay() {
        Decoded d = RecordDecoder.decode(record(complete()));

        assertThat(d).isInstanceOfSatisfying(Decoded.Event.class, e -> {
            assertThat(e.event().eventId()).isEqualTo(ID);
            assertThat(e.event().time()).isEqualTo(Instant.parse("2026-11-21T19:42:11.123Z"));
            assertThat(e.event().traceparent()).isEqualTo(TRACEPARENT);
            assertThat(e.event().replay()).isFalse();
            assertThat(e.event().payload()).isEqualTo(SampleEvents.received("A-1"));
        });
    }

    @Test
    void theLastHeaderOfANameWins() {
        RecordHeaders h = complete();
        h.add(CloudEventHeaders.REPLAY, "false".getBytes(StandardCharsets.UTF_8));
        h.add(CloudEventHeaders.REPLAY, "true".getBytes(StandardCharsets.UTF_8));
        assertThat(((Decoded.Event) RecordDecoder.decode(record(h))).event().replay()).isTrue();

        h.add(CloudEventHeaders.TYPE, "payments.something.else".getBytes(StandardCharsets.UTF_8));
        assertThat(RecordDecoder.decode(record(h))).isInstanceOfSatisfying(Decoded.Poison.class,
                p -> assertThat(p.cause()).isEqualTo("UnsupportedType"));
    }

    @Test
    void aMissingOrEmptiedIdIsPoisonThatSaysSo() {
        RecordHeaders missing = complete();
        missing.remove(CloudEventHeaders.ID);
        RecordHeaders emptied = complete();
        emptied.add(CloudEventHeaders.ID, null);

        for (RecordHeaders h : new RecordHeaders[]{missing, emptied}) {
            assertThat(RecordDecoder.decode(record(h))).isInstanceOfSatisfying(Decoded.Poison.class, p -> {
                assertThat(p.cause()).isEqualTo("MissingHeader");
                assertThat(p.reason()).isEqualTo("missing header " + CloudEventHeaders.ID);
            });
        }
    }

    @Test
    void withoutATimeHeaderTheRecordsTimestampIsTheEventsTime() {
        RecordHeaders h = complete();
        h.remove(CloudEventHeaders.TIME);
        assertThat(((Decoded.Event) RecordDecoder.decode(record(h))).event().time()).isEqualTo(Instant.ofEpochMilli(1_000L));
    }
}
