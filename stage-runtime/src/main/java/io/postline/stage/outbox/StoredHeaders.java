package io.postline.stage.outbox;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventJson;
import io.postline.events.Topic;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;

/**
 * An outbox row's headers as stored: a JSON object without the headers that the row's own columns give.
 * {@code ce_id} is the row's event id, {@code ce_subject} its message key, {@code ce_type} its topic's event type,
 * {@code ce_specversion} and {@code content-type} the same for every event; together they were about half of
 * every row's headers (docs/benchmarks.md, twenty-third round). A header left out is derived again on reading; a
 * derivable header that the record does not carry (a dead letter of a record without it) is stored as JSON
 * {@code null}, so reading gives back exactly the record's headers. Rows stored before, with every header
 * written out, say so in their {@code headers_derived} column and are read as they are.
 */
public final class StoredHeaders {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };
    private static final String[] DERIVABLE = {CloudEventHeaders.ID, CloudEventHeaders.SUBJECT,
            CloudEventHeaders.TYPE, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.CONTENT_TYPE};

    private StoredHeaders() {
    }

    /** The JSON object to store for {@code record}'s headers. */
    static String write(OutboxRecord record) {
        Map<String, String> headers = record.headers();
        StringBuilder json = new StringBuilder(32 + headers.size() * 40).append('{');
        headers.forEach((name, value) -> {
            String derived = derived(name, record.eventId(), record.topic(), record.key());
            if (derived == null || !derived.equals(value)) {
                HeadersJson.entry(json, name, value);
            }
        });
        for (String name : DERIVABLE) {
            if (!headers.containsKey(name) && derived(name, record.eventId(), record.topic(), record.key()) != null) {
                HeadersJson.entry(json, name, null);
            }
        }
        return json.append('}').toString();
    }

    /**
     * The headers of the row with these columns, stored as {@code json}; {@code derived} is the row's
     * {@code headers_derived}, false for rows stored with every header written out (V7 migration).
     */
    public static Map<String, String> read(String json, boolean derived, UUID eventId, String topic, String key) {
        Map<String, String> stored = EventJson.mapper().readValue(json, MAP);
        if (!derived) {
            return stored;
        }
        Map<String, String> headers = new HashMap<>(stored.size() + DERIVABLE.length);
        stored.forEach((name, value) -> {
            if (value != null) {
                headers.put(name, value);
            }
        });
        for (String name : DERIVABLE) {
            String value = derived(name, eventId, topic, key);
            if (value != null && !stored.containsKey(name)) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    /** What the row's columns say {@code name} is, or null where they say nothing. */
    private static String derived(String name, UUID eventId, String topic, String key) {
        return switch (name) {
            case CloudEventHeaders.ID -> eventId.toString();
            case CloudEventHeaders.SUBJECT -> key;
            case CloudEventHeaders.TYPE -> Topic.byName(topic).map(Topic::eventType).orElse(null);
            case CloudEventHeaders.SPEC_VERSION -> CloudEventHeaders.SPEC_VERSION_1_0;
            case CloudEventHeaders.CONTENT_TYPE -> CloudEventHeaders.JSON;
            default -> null;
        };
    }
}
