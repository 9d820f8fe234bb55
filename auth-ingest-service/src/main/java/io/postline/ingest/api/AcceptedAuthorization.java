package io.postline.ingest.api;

import java.util.UUID;

/** The 202 answer: the authorization is durably accepted and will flow through the pipeline. */
public record AcceptedAuthorization(String authorizationId, UUID eventId, String status) {
}
