package io.postline.stage;

import io.postline.events.PipelineEvent;
import io.postline.events.Topic;
import java.time.Instant;
import java.util.UUID;

/**
 * A decoded event handed to a stage's domain step.
 *
 * @param replay      true when the event is part of a re-drive ({@code x-replay})
 * @param traceparent the W3C trace context it arrived with, or null
 */
public record InboundEvent(UUID eventId, Topic topic, String key, PipelineEvent payload, Instant time, boolean replay,
                           String traceparent) {

    public String authorizationId() {
        return payload.authorizationId();
    }
}
