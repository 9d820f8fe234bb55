package io.postline.ingest.api;

import java.util.UUID;

/**
 * The 202 answer: the authorization is durably accepted and will flow through the pipeline.
 *
 * @param delivery when it is published: REALTIME (now), NEAR_REALTIME (with its micro-batch), BATCH (when
 *                 its source's window is released)
 */
public record AcceptedAuthorization(String authorizationId, UUID eventId, String status, String delivery) {
}
