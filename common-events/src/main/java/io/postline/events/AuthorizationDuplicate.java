package io.postline.events;

import java.time.Instant;
import java.util.UUID;

/** A parked duplicate ({@code payments.authorization.duplicate}) with a pointer to the original. */
public record AuthorizationDuplicate(
        String authorizationId,
        AuthorizationReceived authorization,
        DuplicateReason reason,
        String originalAuthorizationId,
        UUID originalEventId,
        Instant parkedAt) implements PipelineEvent {

    public AuthorizationDuplicate {
        Require.present(authorization, "authorization");
        Require.present(reason, "reason");
        Require.text(originalAuthorizationId, "originalAuthorizationId", 64);
        Require.present(originalEventId, "originalEventId");
        Require.present(parkedAt, "parkedAt");
    }
}
