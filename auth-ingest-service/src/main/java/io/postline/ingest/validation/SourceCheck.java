package io.postline.ingest.validation;

import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.config.IngestProperties.Format;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Whether a source is configured and may send in a format. */
@Component
public class SourceCheck {
    private final IngestProperties properties;

    public SourceCheck(IngestProperties properties) {
        this.properties = properties;
    }

    public Optional<FieldError> problem(String sourceId, Format format) {
        var source = properties.source(sourceId);
        if (source.isEmpty()) {
            return Optional.of(new FieldError("sourceId", "is not a configured source"));
        }
        if (!source.get().formats().contains(format)) {
            return Optional.of(new FieldError("sourceId", "may not send " + format + " (allowed: "
                    + source.get().formats() + ")"));
        }
        return Optional.empty();
    }
}
