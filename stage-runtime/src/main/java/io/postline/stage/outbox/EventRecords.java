package io.postline.stage.outbox;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventJson;
import io.postline.events.IsoInstants;
import io.postline.events.PipelineEvent;
import io.postline.events.Topic;
import java.time.Instant;
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
        OrderedHeaders.Builder headers = new OrderedHeaders.Builder(9)
                .put(CloudEventHeaders.ID, eventId.toString())
                .put(CloudEventHeaders.TYPE, topic.eventType())
                .put(CloudEventHeaders.SOURCE, source)
                .put(CloudEventHeaders.TIME, IsoInstants.format(time))
                .put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0)
                .put(CloudEventHeaders.SUBJECT, event.authorizationId())
                .put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (traceparent != null) {
            headers.put(CloudEventHeaders.TRACEPARENT, traceparent);
        }
        if (replay) {
            headers.put(CloudEventHeaders.REPLAY, "true");
        }
        return new OutboxRecord(eventId, topic.topicName(), event.authorizationId(), headers.build(),
                EventJson.write(event));
    }
}
