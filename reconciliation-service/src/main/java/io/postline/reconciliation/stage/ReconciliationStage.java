package io.postline.reconciliation.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.postline.events.AuthorizationReceived;
import io.postline.events.EventJson;
import io.postline.events.Topic;
import io.postline.reconciliation.config.ReconciliationProperties;
import io.postline.reconciliation.domain.ReconItem;
import io.postline.reconciliation.store.ReconItems;
import io.postline.reconciliation.store.ReconItems.Received;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Folds received, parked, held and posted events into one item per authorization. Events of one
 * authorization share a key, so the same partition number of every topic; the range assignor gives those
 * to one consumer, and the row lock covers any other case.
 */
@Component
public class ReconciliationStage implements StageHandler {
    private final ReconItems items;
    private final ReconciliationProperties properties;
    private final Timer postingLatency;

    public ReconciliationStage(ReconItems items, ReconciliationProperties properties, MeterRegistry meters) {
        this.items = items;
        this.properties = properties;
        this.postingLatency = Timer.builder("postline.reconciliation.posting.latency")
                .description("From an authorization's receipt by ingest to its first posting in the ledger")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(meters);
    }

    @Override
    public String stageName() {
        return "reconciliation";
    }

    @Override
    public Set<Topic> consumes() {
        return Set.of(Topic.AUTHORIZATION_RECEIVED, Topic.AUTHORIZATION_DUPLICATE, Topic.TRANSACTION_HELD,
                Topic.POSTING_POSTED);
    }

    @Override
    public void handle(List<InboundEvent> events, StageOutput output) {
        Set<String> ids = new TreeSet<>();
        events.forEach(e -> ids.add(e.authorizationId()));
        Map<String, ReconItem> current = items.lock(ids);
        Set<String> newIds = new HashSet<>(ids);
        newIds.removeAll(current.keySet());
        Map<String, Instant> postedBefore = new HashMap<>();
        current.forEach((id, item) -> postedBefore.put(id, item.firstPostedAt()));
        Map<String, Received> received = new HashMap<>();
        for (InboundEvent e : events) {
            ReconItem before = current.getOrDefault(e.authorizationId(), ReconItem.empty(e.authorizationId()));
            ReconItem after = before.apply(e.eventId(), e.payload());
            current.put(e.authorizationId(), after);
            if (e.payload() instanceof AuthorizationReceived && before.receivedEventId() == null) {
                received.put(e.authorizationId(), new Received(e.eventId(), EventJson.write(e.payload()),
                        e.traceparent()));
            }
        }
        Instant now = Instant.now();
        List<ReconItems.Row> rows = new ArrayList<>(current.size());
        for (ReconItem item : current.values()) {
            rows.add(new ReconItems.Row(item, item.statusOnArrival(now, properties.policy()),
                    item.receivedAt() == null ? null : item.receivedAt().atZone(properties.businessZone()).toLocalDate()));
            if (postedBefore.get(item.authorizationId()) == null && item.firstPostedAt() != null
                    && item.receivedAt() != null) {
                postingLatency.record(Duration.between(item.receivedAt(), item.firstPostedAt()));
            }
        }
        items.saveArrivals(rows, newIds, received, output.repeatsTolerated());
    }
}
