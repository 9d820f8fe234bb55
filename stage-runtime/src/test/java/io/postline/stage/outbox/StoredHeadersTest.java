package io.postline.stage.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventJson;
import io.postline.events.Topic;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

class StoredHeadersTest {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    private static final String LEG = Topic.POSTING_LEG.topicName();

    @Test
    void storesOnlyWhatTheRowsColumnsDoNotSay() {
        UUID id = UUID.fromString("01a24561-3400-8565-98f9-b2d7c20f14a0");
        OutboxRecord record = new OutboxRecord(id, LEG, "AUTH-1", eventHeaders(id, LEG, "AUTH-1"), new byte[0]);

        String json = StoredHeaders.write(record);

        assertThat(EventJson.mapper().readValue(json, MAP)).containsOnlyKeys(CloudEventHeaders.SOURCE,
                CloudEventHeaders.TIME, CloudEventHeaders.TRACEPARENT);
        assertThat(StoredHeaders.read(json, true, id, LEG, "AUTH-1")).isEqualTo(record.headers());
    }

    @Test
    void aDerivableHeaderTheRecordLacksIsStoredAsNullAndStaysAbsent() {
        // A dead letter of a record that came without ce_id, ce_subject and content-type, on a topic
        // outside the catalogue (ce_type is not derivable there and is kept as it came).
        UUID id = UUID.randomUUID();
        String topic = LEG + Topic.DLT_SUFFIX;
        Map<String, String> headers = Map.of(CloudEventHeaders.TYPE, Topic.POSTING_LEG.eventType(),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.DLT_REASON, "missing ce_id");
        OutboxRecord record = new OutboxRecord(id, topic, "AUTH-2", headers, new byte[0]);

        String json = StoredHeaders.write(record);

        Map<String, String> stored = new HashMap<>();
        stored.put(CloudEventHeaders.ID, null);
        stored.put(CloudEventHeaders.SUBJECT, null);
        stored.put(CloudEventHeaders.CONTENT_TYPE, null);
        stored.put(CloudEventHeaders.TYPE, Topic.POSTING_LEG.eventType());
        stored.put(CloudEventHeaders.DLT_REASON, "missing ce_id");
        assertThat(EventJson.mapper().readValue(json, MAP)).isEqualTo(stored);
        assertThat(StoredHeaders.read(json, true, id, topic, "AUTH-2")).isEqualTo(headers);
    }

    @Test
    void rowsStoredBeforeAreReadAsTheyAre() {
        UUID id = UUID.randomUUID();
        Map<String, String> full = eventHeaders(id, LEG, "AUTH-3");
        assertThat(StoredHeaders.read(HeadersJson.write(full), false, id, LEG, "AUTH-3")).isEqualTo(full);

        // Such a row without the derivable headers (a dead letter of a bare record) gains none of them.
        Map<String, String> bare = Map.of(CloudEventHeaders.DLT_REASON, "bad JSON");
        assertThat(StoredHeaders.read(HeadersJson.write(bare), false, id, LEG, "AUTH-3")).isEqualTo(bare);
        assertThat(StoredHeaders.read(HeadersJson.write(bare), true, id, LEG, "AUTH-3"))
                .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.SUBJECT, CloudEventHeaders.TYPE);
    }

    @Test
    void readsBackExactlyTheRecordsHeadersWhateverTheyAre() {
        Random random = new Random(11);
        String[] names = {CloudEventHeaders.ID, CloudEventHeaders.SUBJECT, CloudEventHeaders.TYPE,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.SOURCE, "x-other"};
        String[] topics = {LEG, LEG + Topic.DLT_SUFFIX, "not.in.the.catalogue"};
        for (int round = 0; round < 5_000; round++) {
            UUID id = UUID.randomUUID();
            String topic = topics[random.nextInt(topics.length)];
            String key = random.nextInt(5) == 0 ? null : "AUTH-" + random.nextInt(3);
            Map<String, String> derived = eventHeaders(id, topic, key);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : names) {
                switch (random.nextInt(3)) {
                    case 0 -> { } // absent
                    case 1 -> {
                        if (derived.get(name) != null) {
                            headers.put(name, derived.get(name));
                        }
                    }
                    default -> headers.put(name, "v" + random.nextInt(3));
                }
            }
            OutboxRecord record = new OutboxRecord(id, topic, key, headers, new byte[0]);
            String json = StoredHeaders.write(record);
            assertThat(StoredHeaders.read(json, true, id, topic, key)).as(json).isEqualTo(headers);
        }
    }

    /** The headers EventRecords gives an event on {@code topic} (ce_type null off the catalogue). */
    private static Map<String, String> eventHeaders(UUID id, String topic, String key) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.ID, id.toString());
        Topic.byName(topic).ifPresent(t -> headers.put(CloudEventHeaders.TYPE, t.eventType()));
        headers.put(CloudEventHeaders.SOURCE, "rules");
        headers.put(CloudEventHeaders.TIME, "2026-12-05T08:51:11.297847054Z");
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        if (key != null) {
            headers.put(CloudEventHeaders.SUBJECT, key);
        }
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        headers.put(CloudEventHeaders.TRACEPARENT, "00-60ac3a37d2037010529fa0cddc93a826-1c38cc96cb46d93c-00");
        return headers;
    }
}
