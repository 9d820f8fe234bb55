package io.postline.ingest.validation;

import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.config.IngestProperties.Format;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Whether a source is configured, may send in a format, and whether the calling client may send for it. */
@Component
public class SourceCheck {
    private final IngestProperties properties;

    public SourceCheck(IngestProperties properties) {
        this.properties = properties;
    }

    public Optional<FieldError> problem(String sourceId, Format format, String clientId) {
        var source = properties.source(sourceId);
        if (source.isEmpty()) {
            return Optional.of(new FieldError("sourceId", "is not a configured source"));
        }
        if (!source.get().clients().isEmpty() && (clientId == null || !source.get().clients().contains(clientId))) {
            return Optional.of(new FieldError("sourceId", "this client may not send for the source"));
        }
        if (!source.get().formats().contains(format)) {
            return Optional.of(new FieldError("sourceId", "may not send " + format + " (allowed: "
                    + source.get().formats() + ")"));
        }
        return Optional.empty();
    }

    /** The OAuth2 client of the call: {@code client_id} (RFC 9068), else {@code azp}, else the subject. */
    public static String clientOf(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt) {
            var t = jwt.getToken();
            String id = t.getClaimAsString("client_id");
            if (id == null) {
                id = t.getClaimAsString("azp");
            }
            return id != null ? id : t.getSubject();
        }
        return null;
    }
}
