package io.postline.events;

import java.time.Instant;

/** An authorization that dedup found to be the first of its kind ({@code payments.authorization.unique}). */
public record AuthorizationUnique(String authorizationId, AuthorizationReceived authorization, Instant checkedAt)
        implements PipelineEvent {

    public AuthorizationUnique {
        Require.present(authorization, "authorization");
        Require.present(checkedAt, "checkedAt");
        if (!authorization.authorizationId().equals(authorizationId)) {
            throw new IllegalArgumentException("authorizationId must be the authorization's own");
        }
    }
}
