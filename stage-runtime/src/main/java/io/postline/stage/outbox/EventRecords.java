package io.postline.stage.outbox;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventJson;
import io.postline.events.IsoInstants;
import io.postline.events.PipelineEvent;
import io.postline.events.Topic;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds the outbox record of an event: topic from the catalogue, key = authorization id, CloudEvents headers. */
public final class EventRecords {
    private EventRecords() {
    }

    /**
     * @param source      the producing service (ce_source)
     * @param traceparent W3C trace context to carry on, or null
     * @param replay      whether the event is part of a re-drive (x-replay)
     */
    public static OutboxRecord of(UUID eventId, PipelineEvent event, String source, Instant time, String traceparent,
                                  boolean replay) {
        Topic topic = Topic.forEvent(event);
        Map<String, String> headers = new HashMap<>(10);
        headers.put(CloudEventHeaders.ID, eventId.toString());
        headers.put(CloudEventHeaders.TYPE, topic.eventType());
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TIME, IsoInstants.format(time));
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.SUBJECT, event.authorizationId());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (traceparent != null) {
            headers.put(CloudEventHeaders.TRACEPARENT, traceparent);
        }
        if (replay) {
            headers.put(CloudEventHeaders.REPLAY, "true");
        }
        return new OutboxRecord(eventId, topic.topicName(), event.authorizationId(), headers, EventJson.write(event));
    }
}
