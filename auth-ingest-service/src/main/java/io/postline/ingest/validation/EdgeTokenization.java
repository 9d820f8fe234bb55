package io.postline.ingest.validation;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.domain.EdgeTokenizer;
import io.postline.events.PanGuard;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Replaces a PAN in {@code cardToken} by its FF1 token, for sources configured to send PANs. */
@Component
public class EdgeTokenization {
    private final IngestProperties properties;
    private final EdgeTokenizer tokenizer;
    private final MeterRegistry meters;

    public EdgeTokenization(IngestProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        boolean needed = properties.sources().values().stream().anyMatch(IngestProperties.Source::tokenizePans);
        var t = properties.tokenization();
        if (t.keys().isEmpty()) {
            if (needed) {
                throw new IllegalStateException("a source tokenizes PANs but postline.ingest.tokenization.keys is empty");
            }
            this.tokenizer = null;
        } else {
            Map<Integer, byte[]> keys = new HashMap<>();
            t.keys().forEach((v, k) -> keys.put(v, Base64.getDecoder().decode(k)));
            this.tokenizer = new EdgeTokenizer(keys, t.currentVersion(), t.tweak().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The card token to use: the value itself, or its token when the source tokenizes and it is a PAN. */
    public String cardToken(String sourceId, String value) {
        if (value == null || tokenizer == null || !value.matches("[0-9]{13,19}") || !PanGuard.containsPan(value)) {
            return value;
        }
        boolean tokenizes = properties.source(sourceId).map(IngestProperties.Source::tokenizePans).orElse(false);
        if (!tokenizes) {
            return value;
        }
        meters.counter("postline.ingest.pans.tokenized", "source", sourceId).increment();
        return tokenizer.tokenize(value);
    }
}
