package io.postline.reconciliation.stage;

import io.postline.events.Topic;
import io.postline.reconciliation.domain.ReconItem;
import io.postline.reconciliation.store.ReconItems;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
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

    public ReconciliationStage(ReconItems items) {
        this.items = items;
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
        for (InboundEvent e : events) {
            current.compute(e.authorizationId(),
                    (id, item) -> (item == null ? ReconItem.empty(id) : item).apply(e.payload()));
        }
        items.save(current.values());
    }
}
