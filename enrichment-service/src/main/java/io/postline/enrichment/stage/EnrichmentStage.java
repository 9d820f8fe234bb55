package io.postline.enrichment.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.enrichment.config.EnrichmentProperties;
import io.postline.enrichment.domain.Enricher;
import io.postline.enrichment.domain.ReferenceLookup;
import io.postline.events.Topic;
import io.postline.events.TransactionHeld;
import io.postline.events.TransactionStandardized;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

@Component
public class EnrichmentStage implements StageHandler {
    private final ReferenceLookup reference;
    private final EnrichmentProperties properties;
    private final MeterRegistry meters;

    public EnrichmentStage(ReferenceLookup reference, EnrichmentProperties properties, MeterRegistry meters) {
        this.reference = reference;
        this.properties = properties;
        this.meters = meters;
        // Exported at 0 from the start, so the holds panel and its alert see a series before the first hold.
        Enricher.HELD_REASONS.forEach(reason -> meters.counter("postline.enrichment.held", "reason", reason));
    }

    @Override
    public String stageName() {
        return "enrichment";
    }

    @Override
    public Set<Topic> consumes() {
        return Set.of(Topic.TRANSACTION_STANDARDIZED);
    }

    @Override
    public void handle(List<InboundEvent> events, StageOutput output) {
        for (InboundEvent e : events) {
            var tx = ((TransactionStandardized) e.payload()).transaction();
            switch (Enricher.enrich(tx, reference, properties.roundingMode())) {
                case Enricher.Outcome.Enriched enriched -> {
                    meters.counter("postline.enrichment.enriched", "fx", String.valueOf(enriched.event().fx() != null))
                            .increment();
                    output.emit(e, enriched.event());
                }
                case Enricher.Outcome.Held held -> {
                    meters.counter("postline.enrichment.held", "reason", held.reasonCode()).increment();
                    output.emit(e, new TransactionHeld(tx.authorizationId(), stageName(), held.reasonCode(),
                            held.detail(), tx.amount(), Instant.now(), "HOLD", null, null));
                }
            }
        }
    }
}
